/**
 * Measured figures of the fault tests, one JSON line per fault tried, appended to
 * test-artifacts/reliability/figures.jsonl so docs/reliability.md can quote what was actually observed.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const FIGURES_FILE = path.resolve(__dirname, '..', '..', '..', 'test-artifacts', 'reliability', 'figures.jsonl');

/** One row of the reliability table. */
export interface FaultFigure {
  readonly fault: string;
  /** How many times the fault was injected (runs hit, kills, restarts, …). */
  readonly injected: number;
  /** Reconcile runs made, the faulty ones and the converging ones. */
  readonly runs: number;
  /** Errors counted by the faulty run(s). */
  readonly errorsCounted: number;
  readonly duplicates: number;
  readonly lostLinks: number;
  readonly missingPages?: number;
  readonly detail?: string;
}

/** Appends a figure (best effort: a read-only checkout must not fail the test). */
export function recordFigure(figure: FaultFigure): void {
  try {
    mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
    appendFileSync(FIGURES_FILE, `${JSON.stringify({ at: new Date().toISOString(), ...figure })}\n`);
  } catch {
    /* figures are a record, not a verdict */
  }
}
