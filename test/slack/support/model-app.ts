/**
 * The real Slack app for end-to-end tests: Bolt over HTTP with signed requests, the Slack emulator behind the real
 * WebClient, the real MLflow test server, the Notion emulator through the real client, and a SQLite store file.
 * `restart()` stops the Bolt app and builds a fresh one on the same store file and emulator (a process restart).
 */
import { startSlackEmulator, type SlackEmulator, type StoredMessage } from '../../../emulators/slack';
import { APPROVE_ACTION_ID } from '../../../src/slack/blocks/approval-request.blocks';
import { createStore, type Store } from '../../../src/adapters/store/create-store';
import { buildCore, type Core, type CoreOverrides, type CoreSettings } from '../../../src/app/build-core';
import { startScheduler, type Scheduler } from '../../../src/app/scheduler';
import { systemClock, type Clock } from '../../../src/core/ports/clock.port';
import { SubscriptionBook } from '../../../src/core/subscriptions/subscription-book';
import { silentLogger } from '../../../src/core/ports/logger.port';
import type { RegistryPort } from '../../../src/core/ports/registry.port';
import { createSlackApp, type SlackAppHandle } from '../../../src/slack/app';
import { modelSlashCommands } from '../../../src/slack/commands/model-subcommands';
import type { SlashCommandSet } from '../../../src/slack/commands/slash-commands';
import { registerListeners } from '../../../src/slack/listeners';
import type { AfterAckWork } from '../../../src/slack/listeners/after-ack-work';
import { dedupeMiddleware } from '../../../src/slack/middleware/dedupe.middleware';
import { SlackDirectory } from '../../../src/slack/notifier/slack.directory';
import { SlackNotifier } from '../../../src/slack/notifier/slack.notifier';
import { HomeRefreshingNotifier } from '../../../src/slack/home/home-refresh.notifier';
import { HomeTabs } from '../../../src/slack/home/home-tabs';
import { SlackGuardNotifier } from '../../../src/slack/notifier/slack-guard.notifier';
import { HEALTHY, TEST_SIGNING_SECRET } from '../../support/slack-app';
import { SlackRequestHarness } from '../../support/slack-requests';
import { SlackViewRequests } from '../../support/slack-view-requests';
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness';
import { tempStorePath } from '../../support/temp-store';

export const CHANNELS = { asked: 'C0GENERAL', approvals: 'C0APPROVALS', notify: 'C0NOTIFY', report: 'C0REPORT' } as const;
export const USERS = { requester: 'U0ALICE', approver: 'U0BOB', groupie: 'U0CAROL', outsider: 'U0DAVE' } as const;
export const APPROVER_GROUP = 'S0MLOPS';

export interface ModelApp {
  readonly emulator: SlackEmulator;
  readonly sync: SyncHarness;
  readonly slack: SlackRequestHarness;
  /** Events, options loads and view interactions, signed (the Home tab and the `/model` modal). */
  readonly views: SlackViewRequests;
  core: Core;
  scheduler: Scheduler;
  handle: SlackAppHandle;
  store: Store;
  /** The Home tabs (published on app_home_opened, refreshed after changes). */
  home: HomeTabs;
  /** Messages of a channel that are not ephemeral. */
  channel(id: string): StoredMessage[];
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startModelApp(
  options: {
    settings?: Partial<CoreSettings>;
    clock?: Clock;
    redisUrl?: string;
    /** The registry of read-only commands (status, list); the sync harness's registry when omitted. */
    cachedRegistry?: RegistryPort;
    /** The listeners' queue of work after each ack; a default one when omitted. */
    work?: AfterAckWork;
    overrides?: CoreOverrides;
    /** The channels the notifier posts to (approvals C0APPROVALS, notify C0NOTIFY, report C0REPORT when omitted). */
    channels?: { approvals?: string; notify?: string; report?: string };
    /** The slash command's sub-commands over the built core (and the registry it runs on); the declared `/model` list when omitted. */
    commands?: (core: Core, registry: RegistryPort) => SlashCommandSet;
    /** How long the Home tabs gather changes before a refresh (default 200 ms, to keep tests quick). */
    homeSettleMs?: number;
  } = {},
): Promise<ModelApp> {
  const emulator = await startSlackEmulator();
  for (const id of Object.values(CHANNELS)) emulator.seedChannel({ id, name: id.toLowerCase() });
  for (const [name, id] of Object.entries(USERS)) emulator.seedUser({ id, name });
  emulator.seedUsergroup({ id: APPROVER_GROUP, handle: 'mlops', users: [USERS.groupie] });
  const sync = await startSyncHarness();
  // As startApp does at start: sync-on-write (syncVersion) does not create the database's properties itself.
  await sync.pages.ensureSchema();
  const storePath = tempStorePath('app');
  const clock = options.clock ?? systemClock;
  const settings: CoreSettings = {
    managedTag: sync.managedTag,
    syncOnWrite: true,
    protectedStages: ['Production'],
    archiveExistingOnPromote: true,
    approvalTtlMs: 24 * 3_600_000,
    approvers: [USERS.approver, APPROVER_GROUP],
    reportQuiet: false,
    ...options.settings,
  };

  const build = async () => {
    const store = createStore({ sqlitePath: storePath, redisUrl: options.redisUrl, clock });
    let core: Core | undefined;
    let home: HomeTabs | undefined;
    const handle = createSlackApp({
      signingSecret: TEST_SIGNING_SECRET,
      botToken: emulator.botToken,
      socketMode: false,
      slackApiUrl: emulator.apiUrl,
      logger: silentLogger,
      readiness: async () => HEALTHY,
      registerListeners: (app) => {
        const slackNotifier = new SlackNotifier(
          app.client,
          options.channels ?? { approvals: CHANNELS.approvals, notify: CHANNELS.notify, report: CHANNELS.report },
          silentLogger,
          new SubscriptionBook(store.state, store.lock, clock),
        );
        core = buildCore(
          {
            registry: sync.registry,
            cachedRegistry: options.cachedRegistry,
            sync: sync.reconciler,
            notifier: new HomeRefreshingNotifier(slackNotifier, () => home),
            directory: new SlackDirectory(app.client),
            state: store.state,
            lock: store.lock,
            clock,
            logger: silentLogger,
            guardNotifier: new SlackGuardNotifier(app.client, CHANNELS.notify, silentLogger),
          },
          settings,
          options.overrides,
        );
        app.use(dedupeMiddleware({ state: store.state, lock: store.lock, logger: silentLogger }));
        const commands = options.commands ? options.commands(core, sync.registry) : modelSlashCommands(core.commands);
        const tabs = new HomeTabs({
          client: app.client,
          query: core.home,
          health: async () => HEALTHY,
          state: store.state,
          lock: store.lock,
          clock,
          logger: silentLogger,
          settleMs: options.homeSettleMs ?? 200,
        });
        home = tabs;
        core.lastSync.onRecorded(() => tabs.modelsChanged());
        registerListeners(app, {
          commands,
          approvals: core.approvals,
          guard: core.guard,
          logger: silentLogger,
          work: options.work,
          picker: core.picker,
          forms: core.forms,
          home: tabs,
          linkPreviews: core.linkPreviews,
        });
      },
    });
    const { port } = await handle.start(0);
    const built = core as unknown as Core;
    const scheduler = startScheduler({ cron: '0 * * * *', reconcile: built.reconcile, approvals: built.approvals, logger: silentLogger, enabled: false });
    return { store, handle, core: built, scheduler, home: home as unknown as HomeTabs, appUrl: `http://127.0.0.1:${port}` };
  };

  const first = await build();
  // link_shared and other events go to the app's endpoint, signed like the slash commands.
  emulator.events.configure({ requestUrl: `${first.appUrl}/slack/events`, signingSecret: TEST_SIGNING_SECRET });
  const app: ModelApp = {
    emulator,
    sync,
    slack: new SlackRequestHarness({
      appUrl: first.appUrl,
      signingSecret: TEST_SIGNING_SECRET,
      emulator,
      defaults: { userId: USERS.requester, channelId: CHANNELS.asked },
    }),
    views: new SlackViewRequests({ appUrl: first.appUrl, signingSecret: TEST_SIGNING_SECRET, emulator }),
    core: first.core,
    scheduler: first.scheduler,
    handle: first.handle,
    store: first.store,
    home: first.home,
    channel: (id) => emulator.messages(id).filter((m) => m.visibleTo === undefined),
    async restart() {
      app.home.close();
      await app.handle.stop();
      await app.store.close();
      const next = await build();
      emulator.events.configure({ requestUrl: `${next.appUrl}/slack/events`, signingSecret: TEST_SIGNING_SECRET });
      Object.assign(app, { core: next.core, scheduler: next.scheduler, handle: next.handle, store: next.store, home: next.home });
      (app as { slack: SlackRequestHarness }).slack = new SlackRequestHarness({
        appUrl: next.appUrl,
        signingSecret: TEST_SIGNING_SECRET,
        emulator,
        defaults: { userId: USERS.requester, channelId: CHANNELS.asked },
      });
      (app as { views: SlackViewRequests }).views = new SlackViewRequests({ appUrl: next.appUrl, signingSecret: TEST_SIGNING_SECRET, emulator });
    },
    async stop() {
      app.home.close();
      await app.handle.stop();
      await app.store.close();
      await sync.stop();
      await emulator.stop();
    },
  };
  return app;
}

/** All text of a message (fallback text plus every text field in its blocks), for assertions. */
export function messageText(m: { text?: string; blocks?: unknown[] } | undefined): string {
  if (!m) return '';
  const parts: string[] = [m.text ?? ''];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') parts.push(x);
        else walk(x);
      }
    }
  };
  walk(m.blocks);
  return parts.join('\n');
}

/** The value of every button in a message, by action_id. */
export function buttons(m: StoredMessage | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of (m?.blocks ?? []) as { type: string; elements?: { type: string; action_id?: string; value?: string }[] }[]) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements ?? []) if (e.action_id && e.value !== undefined) out[e.action_id] = e.value;
  }
  return out;
}

/** Clicks Approve on an approval request in the approvals channel (a signed block_actions request), as the approver. */
export function approveRequest(app: ModelApp, request: StoredMessage, userId: string = USERS.approver) {
  return app.slack.blockAction({
    actionId: APPROVE_ACTION_ID,
    value: buttons(request)[APPROVE_ACTION_ID] as string,
    messageTs: request.ts,
    userId,
    channelId: CHANNELS.approvals,
  });
}
