/** HTTP statuses Notion (or the proxies in front of it) answer with when something is wrong on their side. */
export type FaultStatus = 429 | 500 | 502 | 503 | 504 | 529;

/** What an injected fault does to a matching request. */
export type FaultKind =
  | { readonly kind: 'status'; readonly status: FaultStatus; readonly retryAfterSeconds?: number }
  /** Never answers: the client's timeout fires (the socket is destroyed when the emulator stops). */
  | { readonly kind: 'hang' }
  /** Destroys the connection without a response (socket hang up / ECONNRESET on the client). */
  | { readonly kind: 'close' };

/** A fault for the next `count` matching requests. */
export type FaultSpec = FaultKind & {
  /** How many matching requests fail (default 1). */
  readonly count?: number;
  /** Only requests with this method (e.g. "POST"). */
  readonly method?: string;
  /** Only requests on this route template ("/v1/pages", "/v1/pages/:id") or exact path. */
  readonly path?: string;
  /**
   * "before" (default): the request is not processed. "after": the request is processed, then the answer is
   * replaced by the fault — the ambiguous case where a write landed but the client saw an error.
   */
  readonly when?: 'before' | 'after';
  /** Let this many matching requests through first (e.g. 1: only the second page of a query fails). */
  readonly skip?: number;
};

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  skipping: number;
}

/** A queue of injected faults, matched in the order they were added. */
export class FaultInjector {
  private faults: ActiveFault[] = [];

  /** Adds a fault. */
  add(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.count ?? 1, skipping: spec.skip ?? 0 });
  }

  /** Removes all pending faults. */
  clear(): void {
    this.faults = [];
  }

  /** Pending faults with their remaining counts. */
  pending(): Array<FaultSpec & { remaining: number }> {
    return this.faults.map((f) => ({ ...f.spec, remaining: f.remaining }));
  }

  /** Takes the first fault matching this request, consuming one of its uses. */
  take(method: string, template: string, path: string): FaultSpec | undefined {
    const match = this.faults.find(
      (f) => (!f.spec.method || f.spec.method.toUpperCase() === method) && (!f.spec.path || f.spec.path === template || f.spec.path === path),
    );
    if (!match) return undefined;
    if (match.skipping > 0) {
      match.skipping -= 1;
      return undefined;
    }
    match.remaining -= 1;
    if (match.remaining <= 0) this.faults.splice(this.faults.indexOf(match), 1);
    return match.spec;
  }
}
