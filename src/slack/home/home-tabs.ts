import type { WebClient } from '@slack/web-api';
import type { ApprovalRequest } from '../../core/approvals/approval';
import { updateUnderLock } from '../../core/approvals/locked-update';
import type { HomeQuery } from '../../core/home/home.query';
import type { Clock } from '../../core/ports/clock.port';
import type { LockPort } from '../../core/ports/lock.port';
import type { Logger } from '../../core/ports/logger.port';
import type { StatePort } from '../../core/ports/store.port';
import type { SlackMessage } from '../blocks/block-kit';
import { homeView } from '../blocks/home.blocks';
import type { HealthReport } from '../http/health.route';

/** Who opened the Home tab and when (user → epoch ms), shared by every instance through the state store. */
export const HOME_VIEWERS_KEY = 'home:viewers';
/** Changes are gathered this long, then each concerned person's tab is published once. */
export const HOME_SETTLE_MS = 1_000;
/** Most tabs republished per refresh; the rest see fresh data when they next open the tab (which always publishes). */
export const HOME_MAX_PER_REFRESH = 50;
/** A viewer counts as concerned by model and sync changes this long after opening the tab. */
export const HOME_ACTIVE_MS = 24 * 3_600_000;
/** Viewers remembered (the most recent). */
const HOME_MAX_VIEWERS = 500;
/** An opening re-writes the viewer list only when the last one recorded is older than this. */
const VIEWER_REWRITE_MS = 10 * 60_000;

/** What changed, as the refresh needs it. */
export interface HomeChangeSink {
  /** A request was opened, decided, expired or superseded: its requester and its possible approvers are concerned. */
  requestChanged(request: ApprovalRequest): void;
  /** Stages, aliases or the last sync changed: every recent viewer is concerned. */
  modelsChanged(): void;
}

export interface HomeTabsDeps {
  readonly client: WebClient;
  readonly query: HomeQuery;
  /** The app's health as readiness last saw it (cached; no probe per publish). */
  readonly health?: () => Promise<HealthReport>;
  readonly state: StatePort;
  readonly lock: LockPort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settleMs?: number;
  readonly maxPerRefresh?: number;
}

/**
 * The App Home tab: published when a person opens it, and refreshed after a change for the people it concerns,
 * bounded: changes are gathered for HOME_SETTLE_MS, each concerned person gets one publish per refresh, only people
 * who opened the tab in the last HOME_ACTIVE_MS are considered, and at most HOME_MAX_PER_REFRESH tabs are published.
 */
export class HomeTabs implements HomeChangeSink {
  private readonly due = new Set<string>();
  private readonly requests: ApprovalRequest[] = [];
  private everyone = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: HomeTabsDeps) {}

  /** A person opened the tab: remember them and publish theirs now. */
  async opened(userId: string): Promise<void> {
    await this.remember(userId).catch((e: unknown) => this.deps.logger.warn({ err: e }, 'Home tab viewer not recorded'));
    await this.publish(userId);
  }

  /** Publishes one person's tab now (with a notice on top, e.g. why their click was refused). Never throws. */
  async publish(userId: string, notice?: SlackMessage): Promise<void> {
    try {
      const [overview, health] = await Promise.all([this.deps.query.overview(userId), this.health()]);
      await this.deps.client.views.publish({ user_id: userId, view: homeView(overview, health, notice) });
    } catch (e) {
      this.deps.logger.warn({ err: e, user: userId }, 'Home tab not published');
    }
  }

  requestChanged(request: ApprovalRequest): void {
    this.requests.push(request);
    this.schedule();
  }

  modelsChanged(): void {
    this.everyone = true;
    this.schedule();
  }

  /** Publishes what is due now (tests and shutdown); resolves when done. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.running.then(() => this.refresh());
    await this.running;
  }

  /** Stops the pending refresh (at shutdown). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.deps.settleMs ?? HOME_SETTLE_MS);
    this.timer.unref?.();
  }

  private async refresh(): Promise<void> {
    const requests = this.requests.splice(0);
    const everyone = this.everyone;
    this.everyone = false;
    try {
      const viewers = await this.activeViewers();
      if (everyone) for (const v of viewers) this.due.add(v);
      for (const r of requests) for (const u of await this.deps.query.concerned(r, viewers)) this.due.add(u);
    } catch (e) {
      this.deps.logger.warn({ err: e }, 'Home tabs not refreshed: viewers unknown');
      return;
    }
    const users = [...this.due].slice(0, this.deps.maxPerRefresh ?? HOME_MAX_PER_REFRESH);
    if (this.due.size > users.length) this.deps.logger.info({ skipped: this.due.size - users.length }, 'Home tabs: refresh capped');
    this.due.clear();
    // One at a time: a refresh is background work and must not compete with what people wait for.
    for (const u of users) await this.publish(u);
  }

  private async activeViewers(): Promise<string[]> {
    const seen = (await this.deps.state.get<Record<string, number>>(HOME_VIEWERS_KEY)) ?? {};
    const since = this.deps.clock.now() - HOME_ACTIVE_MS;
    return Object.entries(seen)
      .filter(([, at]) => at >= since)
      .sort(([, a], [, b]) => b - a)
      .map(([u]) => u);
  }

  private async remember(userId: string): Promise<void> {
    const now = this.deps.clock.now();
    const seen = (await this.deps.state.get<Record<string, number>>(HOME_VIEWERS_KEY)) ?? {};
    if ((seen[userId] ?? 0) > now - VIEWER_REWRITE_MS) return;
    await updateUnderLock<Record<string, number>>(this.deps.state, this.deps.lock, HOME_VIEWERS_KEY, (current = {}) => {
      const next = Object.entries({ ...current, [userId]: now })
        .sort(([, a], [, b]) => b - a)
        .slice(0, HOME_MAX_VIEWERS);
      return Object.fromEntries(next);
    });
  }

  private async health(): Promise<HealthReport | undefined> {
    try {
      return await this.deps.health?.();
    } catch {
      return undefined;
    }
  }
}
