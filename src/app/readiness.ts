import type { Clock } from '../core/ports/clock.port';
import type { Logger } from '../core/ports/logger.port';
import type { RegistryReader } from '../core/ports/registry.port';
import type { StatePort } from '../core/ports/store.port';
import { describeError } from '../core/errors';
import type { DependencyHealth, HealthReport } from '../slack/http/health.route';
import { healthStatus } from '../slack/http/health.route';
import type { NotionObservation } from './observed-pages';

/** A probe result is reused for this long, whatever the request rate: at most one MLflow read and one store write per period. */
export const READINESS_CACHE_MS = 10_000;
/** Each active check answers within this (a hung dependency counts as unreachable). */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;
/** A name no model has: reading it proves the registry answers without touching real data. */
const PROBE_MODEL = '__modelsync_health_probe__';
/** The key the store check writes: a write, because a full Redis still answers reads. */
const PROBE_KEY = 'readiness-probe';
const PROBE_KEY_TTL_MS = 60_000;

/** A check that got no answer within READINESS_CHECK_TIMEOUT_MS. */
class NoAnswerError extends Error {
  constructor() {
    super('no answer in time');
  }
}

export interface ReadinessDeps {
  readonly registry: RegistryReader;
  readonly state: StatePort;
  /** What the last real Notion call proved (no request is made for readiness). */
  readonly notion: () => NotionObservation | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly cacheMs?: number;
  readonly checkTimeoutMs?: number;
}

/**
 * The shared readiness probe behind GET /readyz: MLflow (a lookup of a model that does not exist) and the state store
 * (a write) are checked actively, Notion passively (see observePages). One probe runs at a time; its result is
 * cached for READINESS_CACHE_MS, so 500 requests a second cost the dependencies what one request every 10 s does,
 * and a slow dependency never slows the answer.
 * Status changes are logged with their details; the route serves only reachable flags.
 */
export class ReadinessProbe {
  private cached: { report: HealthReport; at: number } | undefined;
  private inFlight: Promise<HealthReport> | undefined;
  private lastStatus: string | undefined;
  private runs = 0;

  constructor(private readonly deps: ReadinessDeps) {}

  /** How many probes have run (for tests and benchmarks). */
  get probesRun(): number {
    return this.runs;
  }

  /**
   * The cached report while fresh. Once stale, a new probe starts (unless one is running) and the previous report is
   * answered meanwhile, so /readyz answers at once even when a dependency is slow (load balancers time health checks
   * out after 1 s or so); only the very first request waits for a probe.
   */
  current(): Promise<HealthReport> {
    const cacheMs = this.deps.cacheMs ?? READINESS_CACHE_MS;
    if (this.cached && this.deps.clock.now() - this.cached.at < cacheMs) return Promise.resolve(this.cached.report);
    if (!this.inFlight) {
      const running = this.probe().finally(() => {
        this.inFlight = undefined;
      });
      // Answered from the cache, nobody may await this one: its failure is the route's (logged) or nobody's.
      running.catch(() => undefined);
      this.inFlight = running;
    }
    return this.cached ? Promise.resolve(this.cached.report) : this.inFlight;
  }

  private async probe(): Promise<HealthReport> {
    this.runs += 1;
    const { registry, state, clock } = this.deps;
    const [mlflow, store] = await Promise.all([
      this.check(() => registry.getModel(PROBE_MODEL)),
      this.check(() => state.set(PROBE_KEY, clock.now(), PROBE_KEY_TTL_MS)),
    ]);
    const seen = this.deps.notion();
    const notion: DependencyHealth | undefined = seen && { reachable: seen.reachable, ...(seen.code ? { detail: seen.code } : {}) };
    const report: HealthReport = { mlflow, store, ...(notion ? { notion } : {}) };
    this.cached = { report, at: clock.now() };
    this.logChange(report, seen);
    return report;
  }

  private async check(op: () => Promise<unknown>): Promise<DependencyHealth> {
    const start = this.deps.clock.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        op(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new NoAnswerError()), this.deps.checkTimeoutMs ?? READINESS_CHECK_TIMEOUT_MS);
        }),
      ]);
      return { reachable: true, latencyMs: this.deps.clock.now() - start };
    } catch (e) {
      return { reachable: false, detail: e instanceof NoAnswerError ? e.message : describeError(e) };
    } finally {
      clearTimeout(timer);
    }
  }

  private logChange(report: HealthReport, notion: NotionObservation | undefined): void {
    const status = healthStatus(report);
    if (status === this.lastStatus) return;
    const first = this.lastStatus === undefined;
    this.lastStatus = status;
    if (first && status === 'ok') return;
    const details = { status, ...report, notionObservedAt: notion ? new Date(notion.at).toISOString() : undefined };
    if (status === 'ok') this.deps.logger.info(details, 'readiness: all dependencies reachable again');
    else this.deps.logger.warn(details, `readiness: ${status}`);
  }
}
