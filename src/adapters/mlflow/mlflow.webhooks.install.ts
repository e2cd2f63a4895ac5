import type { MlflowWebhook, MlflowWebhooks, WebhookSpec } from './mlflow.webhooks.client';

/** What `installWebhook` did. */
export interface InstallResult {
  readonly action: 'created' | 'updated';
  readonly webhook: MlflowWebhook;
  /** Visible fields that differed before an update (the secret is write-only, so it is always re-sent). */
  readonly changed: readonly string[];
  /** Other webhooks with the same name (MLflow allows that); left alone but reported, since each sends every event. */
  readonly duplicates: readonly MlflowWebhook[];
}

/** The webhooks named `name`, oldest first. */
export async function findWebhooks(client: MlflowWebhooks, name: string): Promise<MlflowWebhook[]> {
  return (await client.list()).filter((w) => w.name === name).sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
}

/** Creates the webhook, or updates the one with the same name: running it twice leaves one webhook, not two. */
export async function installWebhook(client: MlflowWebhooks, spec: WebhookSpec): Promise<InstallResult> {
  const [existing, ...duplicates] = await findWebhooks(client, spec.name);
  if (!existing) return { action: 'created', webhook: await client.create(spec), changed: [], duplicates: [] };
  const wantedStatus = spec.status ?? 'ACTIVE';
  const changed: string[] = [];
  if (existing.url !== spec.url) changed.push('url');
  if ([...existing.events].sort().join(',') !== [...spec.events].sort().join(',')) changed.push('events');
  if (existing.status !== wantedStatus) changed.push('status');
  if ((spec.description ?? '') !== existing.description) changed.push('description');
  return { action: 'updated', webhook: await client.update(existing.id, spec), changed, duplicates };
}
