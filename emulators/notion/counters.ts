/** A snapshot of request counters, for benchmarks and tests. */
export interface CounterSnapshot {
  readonly total: number;
  /** By "METHOD /v1/template", e.g. "GET /v1/pages/:id". */
  readonly byRoute: Readonly<Record<string, number>>;
  /** By response status ("200", "429", …; "hang" and "close" for faults without a status). */
  readonly byStatus: Readonly<Record<string, number>>;
  /** By "METHOD /v1/template STATUS". */
  readonly byRouteStatus: Readonly<Record<string, number>>;
  /** By the Notion-Version header sent ("none" when absent): which API version a client speaks. */
  readonly byVersion: Readonly<Record<string, number>>;
}

/** Counts every API request (admin calls excluded). */
export class RequestCounters {
  private total = 0;
  private byRoute: Record<string, number> = {};
  private byStatus: Record<string, number> = {};
  private byRouteStatus: Record<string, number> = {};
  private byVersion: Record<string, number> = {};

  /** Records one answered (or deliberately unanswered) request. */
  record(route: string, status: string, version: string): void {
    this.total += 1;
    this.byVersion[version] = (this.byVersion[version] ?? 0) + 1;
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    const key = `${route} ${status}`;
    this.byRouteStatus[key] = (this.byRouteStatus[key] ?? 0) + 1;
  }

  /** A copy of the current counts. */
  snapshot(): CounterSnapshot {
    return {
      total: this.total,
      byRoute: { ...this.byRoute },
      byStatus: { ...this.byStatus },
      byRouteStatus: { ...this.byRouteStatus },
      byVersion: { ...this.byVersion },
    };
  }

  /** Back to zero. */
  reset(): void {
    this.total = 0;
    this.byRoute = {};
    this.byStatus = {};
    this.byRouteStatus = {};
    this.byVersion = {};
  }
}
