/**
 * Measured figures of the Slack-side fault tests (retries, replays, duplicate clicks, races, restarts), one JSON line
 * per fault, appended to test-artifacts/reliability/slack-figures.jsonl so docs/reliability.md quotes what was seen.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const SLACK_FIGURES_FILE = path.resolve(__dirname, '..', '..', '..', 'test-artifacts', 'reliability', 'slack-figures.jsonl');

/** One row of the Slack reliability table. */
export interface SlackFaultFigure {
  readonly fault: string;
  /** How many times the fault was injected (duplicate requests sent, races run, restarts, …). */
  readonly injected: number;
  /** Effects that should have happened once each (transitions, requests, entries). */
  readonly expectedEffects: number;
  /** Effects observed: equal to expectedEffects when nothing was doubled or lost. */
  readonly observedEffects: number;
  /** Effects lost or doubled (0 is the target). */
  readonly losses: number;
  readonly detail?: string;
}

/** Appends a figure (best effort: a read-only checkout must not fail the test). */
export function recordSlackFigure(figure: SlackFaultFigure): void {
  try {
    mkdirSync(path.dirname(SLACK_FIGURES_FILE), { recursive: true });
    appendFileSync(SLACK_FIGURES_FILE, `${JSON.stringify({ at: new Date().toISOString(), ...figure })}\n`);
  } catch {
    /* figures are a record, not a verdict */
  }
}
