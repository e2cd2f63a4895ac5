/**
 * MLflow's webhook REST API (MLflow ≥ 3.3, SQL-backed registry): `/api/2.0/mlflow/webhooks[/{id}[/test]]`.
 * Events travel as `{entity, action}` proto enum names (`{"entity": "MODEL_VERSION", "action": "CREATED"}`);
 * the secret is write-only (never returned). Names are not unique in MLflow: this app keeps one per name.
 */
import { z } from 'zod';
import { MlflowHttp, type MlflowHttpOptions } from './mlflow.http';
import { listAll } from './mlflow.search';

const int64 = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));
const eventSchema = z.object({ entity: z.string(), action: z.string() }).transform((e) => `${e.entity.toLowerCase()}.${e.action.toLowerCase()}`);
const webhookSchema = z.object({
  webhook_id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  url: z.string(),
  events: z.array(eventSchema).optional().default([]),
  status: z.string().optional().default('ACTIVE'),
  creation_timestamp: int64.optional(),
  last_updated_timestamp: int64.optional(),
});
const webhookResponse = z.object({ webhook: webhookSchema });
const listResponse = z.object({ webhooks: z.array(webhookSchema).optional().default([]), next_page_token: z.string().optional() });
const testResponse = z.object({
  result: z.object({
    success: z.boolean().optional().default(false),
    response_status: z.number().optional(),
    response_body: z.string().optional(),
    error_message: z.string().optional(),
  }),
});

/** MLflow's page size limit for webhook listings is its default, 100. */
const LIST_PAGE_SIZE = 100;

/** A webhook as MLflow reports it; `events` in `entity.action` form (`model_version.created`). */
export interface MlflowWebhook {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly status: string;
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

/** What create and update send. */
export interface WebhookSpec {
  readonly name: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly secret: string;
  readonly description?: string;
  readonly status?: 'ACTIVE' | 'DISABLED';
}

/** What MLflow's test call reports: its own request to the webhook URL and the answer it got. */
export interface WebhookTestResult {
  readonly success: boolean;
  readonly responseStatus?: number;
  readonly responseBody?: string;
  readonly errorMessage?: string;
}

function toWebhook(w: z.infer<typeof webhookSchema>): MlflowWebhook {
  return {
    id: w.webhook_id,
    name: w.name,
    description: w.description ?? '',
    url: w.url,
    events: w.events,
    status: w.status,
    createdAt: w.creation_timestamp,
    updatedAt: w.last_updated_timestamp,
  };
}

/** `model_version.created` → `{entity: 'MODEL_VERSION', action: 'CREATED'}`. */
export function toWireEvent(event: string): { entity: string; action: string } {
  const dot = event.lastIndexOf('.');
  if (dot <= 0) throw new RangeError(`a webhook event is written entity.action (e.g. model_version.created), got '${event}'`);
  return { entity: event.slice(0, dot).toUpperCase(), action: event.slice(dot + 1).toUpperCase() };
}

const webhookSubject = (id: string) => `webhook '${id}'`;

/** Creates, lists, updates, tests and deletes MLflow webhooks. */
export class MlflowWebhooks {
  private readonly http: MlflowHttp;

  constructor(options: MlflowHttpOptions) {
    this.http = new MlflowHttp(options);
  }

  /** Every webhook on the server (all pages). */
  list(): Promise<MlflowWebhook[]> {
    const query = { max_results: LIST_PAGE_SIZE };
    return listAll(this.http, { path: '/webhooks', query, schema: listResponse, subject: 'the list of webhooks' }, (page) => page.webhooks.map(toWebhook));
  }

  async create(spec: WebhookSpec): Promise<MlflowWebhook> {
    const res = await this.http.call({
      method: 'POST',
      path: '/webhooks',
      body: { ...this.wireSpec(spec), status: spec.status ?? 'ACTIVE' },
      schema: webhookResponse,
      subject: `a new webhook named '${spec.name}'`,
      // A retried create after a lost answer would leave two webhooks sending every event twice.
      idempotent: false,
    });
    return toWebhook(res.webhook);
  }

  /** Replaces name, URL, events, description, secret and status (PATCH, safe to repeat). */
  async update(id: string, spec: WebhookSpec): Promise<MlflowWebhook> {
    const res = await this.http.call({
      method: 'PATCH',
      path: `/webhooks/${encodeURIComponent(id)}`,
      body: { ...this.wireSpec(spec), status: spec.status ?? 'ACTIVE' },
      schema: webhookResponse,
      subject: webhookSubject(id),
      idempotent: true,
    });
    return toWebhook(res.webhook);
  }

  /** Asks MLflow to send an example payload of `event` (default: the webhook's first event) and report the answer. */
  async test(id: string, event?: string): Promise<WebhookTestResult> {
    const res = await this.http.call({
      method: 'POST',
      path: `/webhooks/${encodeURIComponent(id)}/test`,
      body: event ? { event: toWireEvent(event) } : {},
      schema: testResponse,
      subject: webhookSubject(id),
      // Each try sends a delivery; one is enough.
      idempotent: false,
    });
    const r = res.result;
    return { success: r.success, responseStatus: r.response_status, responseBody: r.response_body, errorMessage: r.error_message };
  }

  async delete(id: string): Promise<void> {
    await this.http.call({
      method: 'DELETE',
      path: `/webhooks/${encodeURIComponent(id)}`,
      schema: z.object({}),
      subject: webhookSubject(id),
      idempotent: true,
    });
  }

  private wireSpec(spec: WebhookSpec) {
    return { name: spec.name, url: spec.url, events: spec.events.map(toWireEvent), secret: spec.secret, description: spec.description ?? '' };
  }
}
