/** A Web API rate limit: `limit` calls per method per window, like Slack's per-method tiers (per minute). */
export interface RateLimitSettings {
  readonly limit: number;
  /** Window length; Slack's tiers are per minute. */
  readonly windowMs?: number;
  /** Methods the limit applies to; all when omitted. */
  readonly methods?: readonly string[];
}

const DEFAULT_WINDOW_MS = 60_000;

/** Fixed windows per method; `take()` answers the Retry-After in whole seconds, or 0 when the call may pass. */
export class MethodRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {}

  take(method: string): number {
    if (this.settings.methods && !this.settings.methods.includes(method)) return 0;
    const windowMs = this.settings.windowMs ?? DEFAULT_WINDOW_MS;
    const t = this.now();
    let w = this.windows.get(method);
    if (!w || t - w.start >= windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(method, w);
    }
    if (w.count < this.settings.limit) {
      w.count += 1;
      return 0;
    }
    return Math.max(1, Math.ceil((w.start + windowMs - t) / 1000));
  }
}
