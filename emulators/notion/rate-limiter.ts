/** Rate limit settings: Notion documents an average of 3 requests/s per integration with some bursts allowed. */
export interface RateLimitSettings {
  readonly requestsPerSecond: number;
  /** Requests allowed back to back before the average applies. */
  readonly burst: number;
}

/** Notion's documented average; the burst size is not documented, 10 is a guess that lets short bursts through. */
export const NOTION_RATE_LIMIT: RateLimitSettings = { requestsPerSecond: 3, burst: 10 };

/** A token bucket; `take()` answers how many whole seconds to wait (Retry-After) or 0 when the request may pass. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = settings.burst;
    this.last = now();
  }

  /** Consumes a token, or returns the Retry-After in integer seconds (at least 1) when none is left. */
  take(): number {
    const t = this.now();
    this.tokens = Math.min(this.settings.burst, this.tokens + ((t - this.last) / 1000) * this.settings.requestsPerSecond);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    const waitSeconds = (1 - this.tokens) / this.settings.requestsPerSecond;
    return Math.max(1, Math.ceil(waitSeconds));
  }
}
