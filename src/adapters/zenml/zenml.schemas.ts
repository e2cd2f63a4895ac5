/**
 * zod schemas for the ZenML REST answers this adapter reads (checked against zenml 0.98.0's /openapi.json).
 * Only the fields used are declared; unknown fields are dropped.
 */
import { z } from 'zod';

/** `POST /api/v1/login` → OAuthTokenResponse (`expires_in` is null when tokens never expire). */
export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().nullable().optional(),
});

/** `GET /api/v1/info` → ServerModel (the Pro fields are null on an open-source server). */
export const ServerInfoSchema = z.object({
  id: z.string(),
  version: z.string(),
  deployment_type: z.string(),
  server_url: z.string().nullable().optional(),
  dashboard_url: z.string().nullable().optional(),
  pro_dashboard_url: z.string().nullable().optional(),
  pro_workspace_id: z.string().nullable().optional(),
});
export type ServerInfo = z.output<typeof ServerInfoSchema>;

/** `GET /api/v1/projects/{name_or_id}` → ProjectResponse. */
export const ProjectSchema = z.object({ id: z.string(), name: z.string() });

/** ModelVersionResponse; `metadata` (description, run_metadata) is present only when hydrated. */
export const ModelVersionSchema = z.object({
  id: z.string(),
  name: z.string().nullable().optional(),
  body: z.object({
    number: z.number().int(),
    /** Lower-case ModelStages value, or null for a version never promoted. */
    stage: z.string().nullable().optional(),
    project_id: z.string(),
    model: z.object({ id: z.string(), name: z.string() }),
  }),
  metadata: z
    .object({
      description: z.string().nullable().optional(),
      /** Latest value per key (the server folds the append-only entries). */
      run_metadata: z.record(z.string(), z.unknown()).nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type ModelVersionDto = z.output<typeof ModelVersionSchema>;

/** ZenML's `Page[T]`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ index: z.number(), total_pages: z.number(), total: z.number(), items: z.array(item) });
}

/** ModelVersionPipelineRunResponse: `body.model_version` is the version's UUID (0.98), or the version itself. */
export const ModelVersionRunLinkSchema = z.object({
  id: z.string(),
  body: z.object({
    model_version: z.union([z.string(), z.object({ id: z.string() })]),
    pipeline_run: z.union([z.string(), z.object({ id: z.string() })]),
  }),
});

/** Endpoints that answer `null` (run metadata). */
export const NoContentSchema = z.unknown();
