/**
 * Parses an MLflow webhook delivery body into a core RegistryEvent. Shapes from mlflow/webhooks/types.py (3.x):
 * `{entity, action, timestamp, data, [workspace]}` with lower-case entity/action; tags are a `{key: value}` map here,
 * not the REST `[{key, value}]` list; run_id and description may be null.
 */
import { z } from 'zod';
import type { RegistryEvent, RegistryEventType } from '../../core/webhooks/registry-event';
import { describeZodIssues } from '../http/rest-policy';

const version = z.union([z.string().min(1), z.number().int()]).transform((v) => String(v));
const tags = z
  .record(z.string(), z.string())
  .nullish()
  .transform((t) => t ?? {});
const name = z.string().min(1);

const envelope = z.object({ entity: z.string(), action: z.string(), data: z.unknown() });

/** What the core's event of type T carries besides its type, with the model under MLflow's name for it. */
type EventData<T extends RegistryEventType> = Omit<Extract<RegistryEvent, { readonly type: T }>, 'type' | 'model'> & { readonly name: string };

/** The `data` of each handled event type; the compiler checks each against the core's event. */
const dataSchemas = {
  'registered_model.created': z.object({ name, tags }),
  'model_version.created': z.object({ name, version, tags }),
  'model_version_tag.set': z.object({ name, version, key: z.string(), value: z.string() }),
  'model_version_tag.deleted': z.object({ name, version, key: z.string() }),
  'model_version_alias.created': z.object({ name, alias: z.string().min(1), version }),
  'model_version_alias.deleted': z.object({ name, alias: z.string().min(1) }),
} as const satisfies { readonly [T in RegistryEventType]: z.ZodType<EventData<T>> };

type KnownType = keyof typeof dataSchemas;

/** A parsed body: an event to handle, an event type this app does not handle (prompts, …), or an invalid body. */
export type ParsedWebhookBody =
  | { readonly kind: 'event'; readonly event: RegistryEvent }
  | { readonly kind: 'ignored'; readonly type: string }
  | { readonly kind: 'invalid'; readonly problem: string };

function isKnown(type: string): type is KnownType {
  return Object.prototype.hasOwnProperty.call(dataSchemas, type);
}

/** Reads the raw body (after its signature was verified). Never throws. */
export function parseWebhookBody(rawBody: Buffer): ParsedWebhookBody {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { kind: 'invalid', problem: 'the body is not JSON' };
  }
  const env = envelope.safeParse(json);
  if (!env.success) return { kind: 'invalid', problem: 'the body lacks entity, action or data' };
  const type = `${env.data.entity.toLowerCase()}.${env.data.action.toLowerCase()}`;
  if (!isKnown(type)) return { kind: 'ignored', type };
  const data = dataSchemas[type].safeParse(env.data.data);
  if (!data.success) return { kind: 'invalid', problem: `the ${type} data is not as expected (${describeZodIssues(data.error)})` };
  const { name: model, ...fields } = data.data;
  // Each schema's output is the event's fields (checked by `satisfies` above); TypeScript cannot pair the type with them.
  return { kind: 'event', event: { type, model, ...fields } as RegistryEvent };
}
