import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../core/ports/clock.port';
import type { LockPort } from '../../core/ports/lock.port';
import type { Logger } from '../../core/ports/logger.port';
import type { RegistryPort } from '../../core/ports/registry.port';
import type { StatePort } from '../../core/ports/store.port';
import type { SyncService } from '../../core/sync/sync.service';
import { DeliveryDedup } from '../../core/webhooks/delivery-dedup';
import type { RegistryEventNotice, RegistryEventNotifier } from '../../core/ports/registry-event-notifier.port';
import type { Guard } from '../../core/guard/guard.service';
import { RegistryEventHandler } from '../../core/webhooks/registry-event.handler';
import { WebhookIntake } from '../../core/webhooks/webhook-intake';
import type { HttpRoute } from '../../slack/http/http-route';
import { mlflowWebhookRoute } from '../../slack/http/mlflow-webhook.route';
import type { NoticeAudience } from '../../slack/notifier/channel-fan-out';
import { SlackRegistryEventNotifier } from '../../slack/notifier/registry-event.notifier';

/** What the webhook endpoint runs on. */
export interface WebhookEndpointDeps {
  /** MLFLOW_WEBHOOK_SECRET; without it no endpoint is served (unsigned deliveries are never accepted). */
  readonly secret: string | undefined;
  readonly registry: RegistryPort;
  readonly sync: SyncService;
  readonly state: StatePort;
  readonly lock: LockPort;
  readonly managedTag: string;
  readonly notifyChannel: string | undefined;
  /** The channels subscribed to new versions and alias changes (besides notifyChannel). */
  readonly subscriptions?: NoticeAudience;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The endpoint's routes, plus the late binding of the Slack client (Bolt creates it after the routes are given). */
export interface WebhookEndpoint {
  readonly routes: HttpRoute[];
  /** Undefined when no secret is configured. */
  readonly intake?: WebhookIntake;
  bindSlack(client: WebClient): void;
  /** Binds the guard (built with the core, after the endpoint): alias events are inspected at once. */
  bindGuard(guard: Guard): void;
  /** Waits for accepted deliveries still being handled (before the store closes). */
  drain(): Promise<void>;
}

/** Wires POST /mlflow/webhook: signature check → dedup (state store) → targeted sync and Slack notices. */
export function createWebhookEndpoint(deps: WebhookEndpointDeps): WebhookEndpoint {
  if (!deps.secret) return { routes: [], bindSlack() {}, bindGuard() {}, drain: async () => {} };
  let guard: Guard | undefined;
  let notifier: RegistryEventNotifier | undefined;
  const lateNotifier: RegistryEventNotifier = {
    postRegistryEvent(notice: RegistryEventNotice) {
      if (!notifier) throw new Error('the Slack client is not bound yet');
      return notifier.postRegistryEvent(notice);
    },
  };
  const handler = new RegistryEventHandler({
    registry: deps.registry,
    sync: deps.sync,
    notifier: lateNotifier,
    state: deps.state,
    managedTag: deps.managedTag,
    clock: deps.clock,
    logger: deps.logger,
    guard: () => guard,
  });
  const intake = new WebhookIntake(new DeliveryDedup(deps.state, deps.lock, `webhook-${randomUUID()}`), handler, deps.logger);
  return {
    routes: [mlflowWebhookRoute({ secret: deps.secret, receiver: intake, clock: deps.clock, logger: deps.logger })],
    intake,
    bindGuard(g) {
      guard = g;
    },
    bindSlack(client) {
      notifier = new SlackRegistryEventNotifier(client, deps.notifyChannel, deps.logger, deps.subscriptions);
    },
    drain: () => intake.idle(),
  };
}
