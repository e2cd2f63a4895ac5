/**
 * Sends bursts of signed slash commands into a running app and times each one twice: the ack (the HTTP answer to
 * the slash command) and the answer (the app's post to that command's response URL, seen by the Slack emulator).
 * Used by the overload test and the overload benchmark; bounded in count and concurrency, loopback only.
 */
import type { SlackEmulator } from '../../emulators/slack';
import type { SlackRequestHarness } from './slack-requests';

/** Posts to response URLs as they arrive, indexed by response id, timed on this process's clock. */
export class ResponseTracker {
  private readonly firstAt = new Map<string, { at: number; text: string }>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private scanned = 0;
  private readonly onChange = (): void => this.scan();

  constructor(private readonly emulator: SlackEmulator) {
    emulator.workspace.on('change', this.onChange);
    this.scan();
  }

  /** Indexes only the calls recorded since the last scan: a burst of n answers costs O(n), not O(n²). */
  private scan(): void {
    const calls = this.emulator.workspace.calls;
    if (calls.length < this.scanned) this.scanned = 0;
    const now = performance.now();
    for (; this.scanned < calls.length; this.scanned += 1) {
      const call = calls[this.scanned];
      if (!call || call.method !== 'response_url' || !call.responseId || this.firstAt.has(call.responseId)) continue;
      this.firstAt.set(call.responseId, { at: now, text: String(call.args.text ?? '') });
      for (const wake of this.waiters.get(call.responseId) ?? []) wake();
      this.waiters.delete(call.responseId);
    }
  }

  /** When the first post to this response URL arrived, and its fallback text; undefined when none (yet). */
  answer(responseUrl: string): { at: number; text: string } | undefined {
    return this.firstAt.get(responseIdOf(responseUrl));
  }

  /** Resolves with the first post to this response URL, or undefined after timeoutMs. */
  waitFor(responseUrl: string, timeoutMs: number): Promise<{ at: number; text: string } | undefined> {
    const id = responseIdOf(responseUrl);
    const known = this.firstAt.get(id);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      const wake = (): void => {
        clearTimeout(timer);
        resolve(this.firstAt.get(id));
      };
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), wake]);
    });
  }

  stop(): void {
    this.emulator.workspace.off('change', this.onChange);
  }
}

function responseIdOf(url: string): string {
  return decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
}

/** One command of a burst. */
export interface BurstCommand {
  readonly text: string;
  /** HTTP status of the ack (0 when the request failed). */
  readonly status: number;
  readonly sentAt: number;
  readonly ackedAt: number;
  readonly responseUrl: string;
}

/** Sends `count` commands, `concurrency` in flight at a time; each slot sends its next command when the last is acked. */
export async function sendBurst(options: {
  readonly harness: SlackRequestHarness;
  readonly count: number;
  readonly concurrency: number;
  readonly text: (i: number) => string;
  readonly command?: string;
  readonly userId?: (i: number) => string;
}): Promise<BurstCommand[]> {
  const sent: BurstCommand[] = [];
  let next = 0;
  const slot = async (): Promise<void> => {
    while (next < options.count) {
      const i = next;
      next += 1;
      const text = options.text(i);
      const sentAt = performance.now();
      try {
        const r = await options.harness.command(options.command ?? '/model', text, { userId: options.userId?.(i) });
        sent.push({ text, status: r.status, sentAt, ackedAt: performance.now(), responseUrl: r.responseUrl });
      } catch {
        sent.push({ text, status: 0, sentAt, ackedAt: performance.now(), responseUrl: '' });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, slot));
  return sent;
}

/** The p-th percentile (nearest rank) of xs; 0 for none. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

/** Ack and answer figures of one burst, answers timed from each command's ack. */
export interface BurstFigures {
  readonly commands: number;
  readonly acked: number;
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  readonly ackMaxMs: number;
  readonly answered: number;
  /** Answers that were the "busy" message. */
  readonly busy: number;
  readonly answerP50Ms: number;
  readonly answerP99Ms: number;
  readonly answerMaxMs: number;
  /** How long the whole burst took, first send to last answer. */
  readonly wallMs: number;
}

/** Summarises a burst once its answers are in (or waited for up to `answerTimeoutMs` after each ack). */
export async function burstFigures(
  burst: readonly BurstCommand[],
  tracker: ResponseTracker,
  answerTimeoutMs: number,
  isBusy: (text: string) => boolean,
): Promise<BurstFigures & { readonly unanswered: BurstCommand[]; readonly answerMs: number[] }> {
  const answers = await Promise.all(
    burst.map(async (c) => {
      if (c.status !== 200) return undefined;
      const left = c.ackedAt + answerTimeoutMs - performance.now();
      return tracker.answer(c.responseUrl) ?? (left > 0 ? await tracker.waitFor(c.responseUrl, left) : undefined);
    }),
  );
  const acks = burst.filter((c) => c.status === 200).map((c) => c.ackedAt - c.sentAt);
  const answerMs: number[] = [];
  const unanswered: BurstCommand[] = [];
  let busy = 0;
  let lastAt = 0;
  burst.forEach((c, i) => {
    const a = answers[i];
    if (!a || a.at - c.ackedAt > answerTimeoutMs) {
      unanswered.push(c);
      return;
    }
    answerMs.push(a.at - c.ackedAt);
    lastAt = Math.max(lastAt, a.at);
    if (isBusy(a.text)) busy += 1;
  });
  const firstSent = Math.min(...burst.map((c) => c.sentAt));
  return {
    commands: burst.length,
    acked: acks.length,
    ackP50Ms: percentile(acks, 50),
    ackP99Ms: percentile(acks, 99),
    ackMaxMs: Math.max(0, ...acks),
    answered: answerMs.length,
    busy,
    answerP50Ms: percentile(answerMs, 50),
    answerP99Ms: percentile(answerMs, 99),
    answerMaxMs: Math.max(0, ...answerMs),
    wallMs: lastAt - firstSent,
    unanswered,
    answerMs,
  };
}
