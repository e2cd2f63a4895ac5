/**
 * Model registry events as MLflow webhooks report them (MLflow ≥ 3.3), already verified and parsed at the edge.
 * MLflow sends no event for stage transitions, description edits or deletions: the scheduled reconcile covers those.
 */
export type RegistryEvent =
  | { readonly type: 'registered_model.created'; readonly model: string; readonly tags: Readonly<Record<string, string>> }
  | { readonly type: 'model_version.created'; readonly model: string; readonly version: string; readonly tags: Readonly<Record<string, string>> }
  | { readonly type: 'model_version_tag.set'; readonly model: string; readonly version: string; readonly key: string; readonly value: string }
  | { readonly type: 'model_version_tag.deleted'; readonly model: string; readonly version: string; readonly key: string }
  | { readonly type: 'model_version_alias.created'; readonly model: string; readonly alias: string; readonly version: string }
  | { readonly type: 'model_version_alias.deleted'; readonly model: string; readonly alias: string };

/** The `entity.action` names of the events the app subscribes to, in MLflow's own spelling. */
export type RegistryEventType = RegistryEvent['type'];

/** Every event the webhook is installed for (the same list `webhooks install` sends to MLflow). */
export const SUBSCRIBED_EVENTS: readonly RegistryEventType[] = [
  'registered_model.created',
  'model_version.created',
  'model_version_tag.set',
  'model_version_tag.deleted',
  'model_version_alias.created',
  'model_version_alias.deleted',
];

/** One verified delivery: MLflow's delivery id (unique per delivery, kept across its retries) and the event. */
export interface WebhookDelivery {
  readonly deliveryId: string;
  readonly event: RegistryEvent;
}
