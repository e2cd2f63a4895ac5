import type { App } from '@slack/bolt';
import { secretValues, type Config } from '../config';
import { systemClock } from '../core/ports/clock.port';
import { createStore, type Store } from '../adapters/store/create-store';
import { createLogger, type AppLogger } from '../adapters/log/logger';
import { createSlackApp, type SlackAppHandle } from '../slack/app';
import { registerListeners } from '../slack/listeners';
import { dedupeMiddleware } from '../slack/middleware/dedupe.middleware';
import { SlackDirectory } from '../slack/notifier/slack.directory';
import { SlackNotifier } from '../slack/notifier/slack.notifier';
import { buildCore, type Core } from './build-core';
import { healthCheck } from './health-check';
import { startScheduler, type Scheduler } from './scheduler';
import { buildSyncRuntime } from './sync-runtime';
import { createWebhookEndpoint, type WebhookEndpoint } from './webhook/webhook-endpoint';

/** The running app, for main.ts and tests. */
export interface RunningApp {
  readonly port: number;
  readonly core: Core;
  readonly scheduler: Scheduler;
  readonly handle: SlackAppHandle;
  readonly store: Store;
  readonly logger: AppLogger;
  /** POST /mlflow/webhook (no routes when MLFLOW_WEBHOOK_SECRET is unset). */
  readonly webhook: WebhookEndpoint;
  stop(): Promise<void>;
}

export interface StartAppOptions {
  readonly logger?: AppLogger;
  /** Port override (0 = a free port, for tests). */
  readonly port?: number;
  /** Off in tests that trigger the jobs directly. */
  readonly schedule?: boolean;
}

/** The composition root: adapters from the config, the use cases over them, the Bolt app, the scheduler. */
export async function startApp(config: Config, options: StartAppOptions = {}): Promise<RunningApp> {
  const slack = config.slack;
  if (!slack) throw new Error('The Slack app needs the Slack settings (load the config in app mode)');
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: secretValues(config), name: 'modelsync' });
  const runtime = buildSyncRuntime(config, { logger });
  const store = createStore({ sqlitePath: config.store.sqlitePath, redisUrl: config.store.redisUrl, clock: systemClock });
  try {
    // Sync-on-write updates single pages; the database's properties must exist first (the reconcile also does this).
    await runtime.pages.ensureSchema();
  } catch (e) {
    logger.warn({ err: e }, 'Notion schema not ensured at start; the next reconcile retries');
  }
  // The config refuses an empty list while something is protected, unless APPROVERS=anyone-but-requester is written.
  const guarded = config.approvals.protectedStages.length + config.promotion.protectedAliases.length > 0;
  if (slack.approvers.length === 0 && guarded) logger.warn({}, 'APPROVERS=anyone-but-requester: anyone but the requester may approve protected changes');

  const webhook = createWebhookEndpoint({
    secret: config.mlflow.webhookSecret,
    registry: runtime.registry,
    sync: runtime.sync,
    state: store.state,
    lock: store.lock,
    managedTag: config.sync.managedTag,
    notifyChannel: slack.notifyChannel,
    clock: systemClock,
    logger,
  });

  let core: Core | undefined;
  const wire = (app: App): void => {
    core = buildCore(
      {
        registry: runtime.registry,
        sync: runtime.sync,
        notifier: new SlackNotifier(app.client, { approvals: slack.approvalsChannel, notify: slack.notifyChannel, report: slack.reportChannel }, logger),
        directory: new SlackDirectory(app.client),
        state: store.state,
        lock: store.lock,
        clock: systemClock,
        logger,
      },
      {
        managedTag: config.sync.managedTag,
        syncOnWrite: config.sync.onWrite,
        protectedStages: config.approvals.protectedStages,
        archiveExistingOnPromote: config.approvals.archiveExistingOnPromote,
        approvalTtlMs: config.approvals.ttlMs,
        approvers: slack.approvers,
        syncAdmins: slack.syncAdmins,
        reportQuiet: config.sync.reportQuiet,
        promotionRules: config.approvals.promotionRules,
        ...config.promotion,
      },
    );
    // Before any listener: Slack retries and replayed bodies are acknowledged without running their effect again.
    app.use(dedupeMiddleware({ state: store.state, lock: store.lock, logger }));
    registerListeners(app, { commands: core.commands, approvals: core.approvals, logger });
    webhook.bindSlack(app.client);
  };
  const handle = createSlackApp({
    signingSecret: slack.signingSecret,
    botToken: slack.botToken,
    appToken: slack.appToken,
    socketMode: slack.socketMode,
    slackApiUrl: slack.apiUrl,
    port: options.port ?? config.server.port,
    host: config.server.host,
    logger,
    registerListeners: wire,
    healthCheck: healthCheck(runtime.registry, runtime.pages),
    routes: webhook.routes,
  });
  if (!core) throw new Error('listeners were not registered');
  const built: Core = core;
  const scheduler = startScheduler({
    cron: config.sync.cron,
    reconcile: built.reconcile,
    approvals: built.approvals,
    logger,
    enabled: options.schedule !== false,
  });
  let port: number;
  try {
    ({ port } = await handle.start(options.port ?? config.server.port));
  } catch (e) {
    // e.g. port in use or Slack refusing the app token: release what was started so the process can exit.
    scheduler.stop();
    await store.close().catch(() => undefined);
    await runtime.close().catch(() => undefined);
    throw e;
  }
  logger.info(
    { port, host: config.server.host ?? 'every interface', socketMode: slack.socketMode, store: store.kind, cron: config.sync.cron },
    'modelsync started',
  );
  return {
    port,
    core: built,
    scheduler,
    handle,
    store,
    logger,
    webhook,
    async stop() {
      scheduler.stop();
      await handle.stop();
      await webhook.drain();
      await store.close();
      await runtime.close();
    },
  };
}
