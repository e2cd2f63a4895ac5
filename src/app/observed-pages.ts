import { isModelsyncError } from '../core/errors';
import type { Clock } from '../core/ports/clock.port';
import type { PagesPort } from '../core/ports/pages.port';

/** The last thing a real Notion call proved. */
export interface NotionObservation {
  readonly reachable: boolean;
  /** When the call ended (clock ms). */
  readonly at: number;
  /** The adapter's error code when it failed (e.g. notion_unavailable). */
  readonly code?: string;
}

/** Failures that mean "Notion cannot do modelsync's work now", whichever call saw them. */
const FAILING_CODES = new Set(['notion_unavailable', 'notion_unauthorized', 'notion_forbidden', 'notion_rate_limited']);
/** Calls about one page: their not-found is a page deleted in Notion, not the database gone. */
const PAGE_CALLS = new Set(['updatePage', 'trashPage']);
/** Methods that make no Notion request. */
const LOCAL_METHODS = new Set(['close', 'normalize']);

/** A PagesPort whose calls are observed, and what they last proved. */
export interface ObservedPages<P extends PagesPort> {
  readonly pages: P;
  /** The most recent outcome, or undefined before the first call. */
  observation(): NotionObservation | undefined;
}

/**
 * Wraps the Notion pages adapter so readiness can report Notion without a request of its own: a probe would have to
 * go through the adapter's shared ~3 req/s limiter (waiting behind a sync, or delaying one), and Notion's rate limit
 * is per integration, so even a separately paced client would spend the sync's budget. Every async method is
 * observed, whatever the port grows to; a call that fails with something other than a Notion error (a bug) proves
 * nothing and is not recorded.
 */
export function observePages<P extends PagesPort>(inner: P, clock: Clock): ObservedPages<P> {
  let last: NotionObservation | undefined;
  const record = (method: string, error?: unknown): void => {
    if (error === undefined) {
      last = { reachable: true, at: clock.now() };
      return;
    }
    if (!isModelsyncError(error) || error.system !== 'notion') return;
    const failing = FAILING_CODES.has(error.code) || (!PAGE_CALLS.has(method) && error.code === 'notion_not_found');
    last = { reachable: !failing, at: clock.now(), code: error.code };
  };
  const pages = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || LOCAL_METHODS.has(String(prop))) return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (ok: unknown) => {
            record(String(prop));
            return ok;
          },
          (e: unknown) => {
            record(String(prop), e);
            throw e;
          },
        );
      };
    },
  });
  return { pages, observation: () => last };
}
