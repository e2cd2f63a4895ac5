/**
 * Zod schemas for the MLflow REST answers this adapter reads, and their mapping to core domain types.
 * Only fields the app uses are declared; unknown fields are ignored (MLflow adds fields over time).
 */
import { z } from 'zod';
import type { ModelVersion, RegisteredModel } from '../../core/domain/model-version';
import { isStage, type Stage } from '../../core/domain/stage';
import type { RunSummary } from '../../core/ports/registry.port';

/** MLflow's int64 fields arrive as JSON numbers, but protobuf JSON may render them as strings. */
const int64 = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));

const tagList = z
  .array(z.object({ key: z.string(), value: z.string().optional().default('') }))
  .optional()
  .default([]);

/**
 * A model version as returned by get/create/search/transition. `aliases` has no default: search answers never
 * carry it, and protobuf JSON leaves out an empty list, so an answer without it says nothing about the aliases.
 */
export const modelVersionSchema = z.object({
  name: z.string(),
  version: z.union([z.string(), z.number()]).transform((v) => String(v)),
  creation_timestamp: int64.optional(),
  last_updated_timestamp: int64.optional(),
  user_id: z.string().optional(),
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  tags: tagList,
  aliases: z.array(z.string()).optional(),
});
export type MlflowModelVersion = z.infer<typeof modelVersionSchema>;

/**
 * A registered model; its aliases are `{alias, version}` objects (unlike a version's plain strings). No default
 * for `aliases` either: MLflow leaves out an empty list, and a server that does not report aliases leaves it out
 * too, so absent means "not reported" (the sync then checks the aliases it would remove, one by one).
 */
export const registeredModelSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  tags: tagList,
  aliases: z.array(z.object({ alias: z.string(), version: z.union([z.string(), z.number()]).transform((v) => String(v)) })).optional(),
  last_updated_timestamp: int64.optional(),
});
export type MlflowRegisteredModel = z.infer<typeof registeredModelSchema>;

/** `next_page_token` absent or empty means "last page". */
const pageToken = z.string().optional();

export const registeredModelResponse = z.object({ registered_model: registeredModelSchema });
export const modelVersionResponse = z.object({ model_version: modelVersionSchema });
export const searchModelsResponse = z.object({
  registered_models: z.array(registeredModelSchema).optional().default([]),
  next_page_token: pageToken,
});
export const searchVersionsResponse = z.object({
  model_versions: z.array(modelVersionSchema).optional().default([]),
  next_page_token: pageToken,
});
/** Writes such as set-tag, alias and delete answer `{}`; anything object-shaped is accepted. */
export const emptyResponse = z.object({});

/** Metric values are doubles; NaN and ±Infinity arrive as the strings "NaN", "Infinity", "-Infinity". */
const metricValue = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]).transform((v) => Number(v));

export const runResponse = z.object({
  run: z.object({
    info: z.object({ run_id: z.string().optional(), run_uuid: z.string().optional() }),
    data: z
      .object({
        metrics: z
          .array(z.object({ key: z.string(), value: metricValue }))
          .optional()
          .default([]),
        params: z
          .array(z.object({ key: z.string(), value: z.string().optional().default('') }))
          .optional()
          .default([]),
      })
      .optional()
      .default({ metrics: [], params: [] }),
  }),
});

function tagsToRecord(tags: readonly { key: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.key, t.value]));
}

/** Unknown stage strings (a future MLflow) are treated as "None" rather than failing the whole listing. */
function toStage(value: string | undefined): Stage {
  return isStage(value) ? value : 'None';
}

/** Maps a wire model version to the domain type (missing fields become empty strings or 0; missing aliases stay unknown). */
export function toModelVersion(v: MlflowModelVersion): ModelVersion {
  return {
    name: v.name,
    version: v.version,
    stage: toStage(v.current_stage),
    description: v.description ?? '',
    source: v.source ?? '',
    runId: v.run_id ?? '',
    createdAt: v.creation_timestamp ?? 0,
    lastUpdatedAt: v.last_updated_timestamp ?? v.creation_timestamp ?? 0,
    userId: v.user_id ?? '',
    status: v.status ?? '',
    tags: tagsToRecord(v.tags),
    ...(v.aliases === undefined ? {} : { aliases: [...v.aliases] }),
  };
}

/** Maps a wire registered model to the domain type. */
export function toRegisteredModel(m: MlflowRegisteredModel): RegisteredModel {
  return {
    name: m.name,
    description: m.description ?? '',
    tags: tagsToRecord(m.tags),
    ...(m.aliases === undefined ? {} : { aliases: Object.fromEntries(m.aliases.map((a) => [a.alias, a.version])) }),
    ...(m.last_updated_timestamp === undefined ? {} : { lastUpdatedAt: m.last_updated_timestamp }),
  };
}

/** Metrics (latest value per key, as MLflow reports them in runs/get) and params of a run. */
export function toRunSummary(runId: string, run: z.infer<typeof runResponse>['run']): RunSummary {
  return {
    runId: run.info.run_id ?? run.info.run_uuid ?? runId,
    metrics: Object.fromEntries(run.data.metrics.map((m) => [m.key, m.value])),
    params: Object.fromEntries(run.data.params.map((p) => [p.key, p.value])),
  };
}
