import type { App } from '@slack/bolt';
import { secretValues, type Config } from '../config';
import { systemClock } from '../core/ports/clock.port';
import { createStore, type Store } from '../adapters/store/create-store';
import { createLogger, type AppLogger } from '../adapters/log/logger';
import { createMetricsRegistry, type MetricsRegistry } from '../adapters/metrics/metrics-registry';
import { registerOutboundMetrics } from '../adapters/metrics/outbound.metrics';
import { ackLatencyMetric, registerPendingApprovals } from '../adapters/metrics/app.metrics';
import { metricsRoute } from '../slack/http/metrics.route';
import { createSlackApp, type SlackAppHandle } from '../slack/app';
import { modelSlashCommands } from '../slack/commands/model-subcommands';
import { registerListeners } from '../slack/listeners';
import { SlackGuardNotifier } from '../slack/notifier/slack-guard.notifier';
import { AfterAckWork } from '../slack/listeners/after-ack-work';
import { dedupeMiddleware } from '../slack/middleware/dedupe.middleware';
import { SlackDirectory } from '../slack/notifier/slack.directory';
import { SlackNotifier } from '../slack/notifier/slack.notifier';
import { HomeRefreshingNotifier } from '../slack/home/home-refresh.notifier';
import { HomeTabs } from '../slack/home/home-tabs';
import { SubscriptionBook } from '../core/subscriptions/subscription-book';
import { buildCore, type Core } from './build-core';
import { ReadinessProbe } from './readiness';
import { startLoadLog } from './load-log';
import { startScheduler, type Scheduler } from './scheduler';
import { checkNotionAtStart, checkStoreAtStart, StartupCheckError, verifySlackBotToken } from './startup-checks';
import { EXIT_CONFIG_REFUSED } from './exit-codes';
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
  /** The shared probe behind GET /readyz. */
  readonly readiness: ReadinessProbe;
  /** POST /mlflow/webhook (no routes when MLFLOW_WEBHOOK_SECRET is unset). */
  readonly webhook: WebhookEndpoint;
  /** The one Prometheus registry served on GET /metrics: add the app's other metrics here. */
  readonly metrics: MetricsRegistry;
  stop(): Promise<void>;
}

export interface StartAppOptions {
  readonly logger?: AppLogger;
  /** Port override (0 = a free port, for tests). */
  readonly port?: number;
  /** Off in tests that trigger the jobs directly. */
  readonly schedule?: boolean;
}

/**
 * The composition root: adapters from the config, the use cases over them, the Bolt app, the scheduler. Before
 * anything listens, the start-up checks run (Slack bot token, state store, Notion database); a refused setting
 * throws StartupCheckError with one line to print, and nothing is left running.
 */
export async function startApp(config: Config, options: StartAppOptions = {}): Promise<RunningApp> {
  const slack = config.slack;
  if (!slack) throw new Error('The Slack app needs the Slack settings (load the config in app mode)');
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: secretValues(config), name: 'modelsync' });
  // First, before anything is opened: a refused token ends the start here (Bolt would otherwise reject later, unhandled).
  const identity = await verifySlackBotToken(slack.botToken, { slackApiUrl: slack.apiUrl, logger });
  const store = createStore({ sqlitePath: config.store.sqlitePath, redisUrl: config.store.redisUrl, clock: systemClock, logger });
  // The store's lock makes sync-on-write and reconciles exclusive per model, across instances with Redis.
  const metrics = createMetricsRegistry();
  const runtime = buildSyncRuntime(config, { logger, lock: store.lock, state: store.state, metrics });
  try {
    await checkStoreAtStart(store, logger);
  } catch (e) {
    await store.close().catch(() => undefined);
    await runtime.close().catch(() => undefined);
    throw e;
  }
  // Sync-on-write updates single pages; the database's properties must exist first (the reconcile also does this).
  await checkNotionAtStart(runtime.pages, logger);
  // The config refuses an empty list while something is protected, unless APPROVERS=anyone-but-requester is written.
  const guarded = config.approvals.protectedStages.length + config.promotion.protectedAliases.length > 0;
  if (slack.approvers.length === 0 && guarded) logger.warn({}, 'APPROVERS=anyone-but-requester: anyone but the requester may approve protected changes');
  const readiness = new ReadinessProbe({ registry: runtime.registry, state: store.state, notion: runtime.notionObservation, clock: systemClock, logger });

  registerOutboundMetrics(metrics, runtime.loads);
  // Listener work after each ack: bounded, changes first, reads shed when they cannot start soon.
  const work = new AfterAckWork();
  registerOutboundMetrics(metrics, [work.load], 'after_ack');
  const loadLog = startLoadLog({ sources: [...runtime.loads, work.load], logger });

  // Subscriptions live in the state store: every instance (and every notifier) reads the same ones.
  const subscriptions = new SubscriptionBook(store.state, store.lock, systemClock);
  const webhook = createWebhookEndpoint({
    secret: config.mlflow.webhookSecret,
    // A delivery is sync work: fresh reads, behind what people wait for, ahead of read-only commands.
    registry: runtime.backgroundRegistry,
    sync: runtime.sync,
    state: store.state,
    lock: store.lock,
    managedTag: config.sync.managedTag,
    notifyChannel: slack.notifyChannel,
    subscriptions,
    clock: systemClock,
    logger,
  });

  let core: Core | undefined;
  let home: HomeTabs | undefined;
  const wire = (app: App): void => {
    const slackNotifier = new SlackNotifier(
      app.client,
      { approvals: slack.approvalsChannel, notify: slack.notifyChannel, report: slack.reportChannel },
      logger,
      subscriptions,
    );
    core = buildCore(
      {
        registry: runtime.registry,
        cachedRegistry: runtime.cachedRegistry,
        sync: runtime.sync,
        // Every request, decision and stage change also refreshes the Home tabs of the people it concerns.
        notifier: new HomeRefreshingNotifier(slackNotifier, () => home),
        directory: new SlackDirectory(app.client),
        state: store.state,
        lock: store.lock,
        clock: systemClock,
        logger,
        guardNotifier: new SlackGuardNotifier(app.client, slack.notifyChannel, logger),
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
        guardMode: config.guard.mode,
        historyRetention: config.guard.historyRetention,
      },
    );
    const tabs = new HomeTabs({
      client: app.client,
      query: core.home,
      health: () => readiness.current(),
      state: store.state,
      lock: store.lock,
      clock: systemClock,
      logger,
    });
    home = tabs;
    core.lastSync.onRecorded(() => tabs.modelsChanged());
    // Before any listener: Slack retries and replayed bodies are acknowledged without running their effect again.
    app.use(dedupeMiddleware({ state: store.state, lock: store.lock, logger }));
    registerListeners(app, {
      commands: modelSlashCommands(core.commands),
      approvals: core.approvals,
      guard: core.guard,
      logger,
      work,
      picker: core.picker,
      forms: core.forms,
      home: tabs,
      linkPreviews: core.linkPreviews,
    });
    webhook.bindSlack(app.client);
    webhook.bindGuard(core.guard);
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
    identity,
    registerListeners: wire,
    readiness: () => readiness.current(),
    routes: [...webhook.routes, metricsRoute(metrics, config.server.metricsToken, logger)],
    onAck: ackLatencyMetric(metrics),
  });
  if (!core) throw new Error('listeners were not registered');
  const built: Core = core;
  registerPendingApprovals(metrics, () => built.approvals.pendingCount(), logger);
  const scheduler = startScheduler({
    cron: config.sync.cron,
    reconcile: built.reconcile,
    approvals: built.approvals,
    purgeExpired: () => store.purgeExpired(),
    logger,
    enabled: options.schedule !== false,
  });
  let port: number;
  try {
    ({ port } = await handle.start(options.port ?? config.server.port));
  } catch (e) {
    // e.g. port in use or Slack refusing the app token: release what was started so the process can exit.
    scheduler.stop();
    loadLog.stop();
    await store.close().catch(() => undefined);
    await runtime.close().catch(() => undefined);
    throw appTokenRefusal(e) ?? e;
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
    readiness,
    webhook,
    metrics,
    async stop() {
      scheduler.stop();
      loadLog.stop();
      home?.close();
      await handle.stop();
      await webhook.drain();
      await store.close();
      await runtime.close();
    },
  };
}

/** Slack's answers to apps.connections.open that mean the app-level token itself is wrong (Socket Mode). */
const APP_TOKEN_REFUSALS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'not_allowed_token_type']);

/** The Socket Mode client rejects start with Slack's error code in `data.error`; a refused token is a setting to fix. */
function appTokenRefusal(e: unknown): StartupCheckError | undefined {
  const code = (e as { data?: { error?: unknown } } | undefined)?.data?.error;
  if (typeof code !== 'string' || !APP_TOKEN_REFUSALS.has(code)) return undefined;
  return new StartupCheckError(
    `SLACK_APP_TOKEN was refused by Slack (apps.connections.open answered ${code}): set it to an app-level token (xapp-…) with the connections:write scope.`,
    EXIT_CONFIG_REFUSED,
  );
}
