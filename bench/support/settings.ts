/** Benchmark knobs from the environment (bench-only code: the app itself reads config in src/config.ts). */

function list(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const values = raw.split(',').map((s) => Number(s.trim()));
  const bad = values.find((n) => !Number.isInteger(n) || n < 50 || n % 50 !== 0);
  if (bad !== undefined) throw new Error(`${name} must list multiples of 50 (versions spread over 50 models), got "${raw}"`);
  return values;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** Models every size is spread over (the "50 models"). */
export const MODELS_PER_SIZE = 50;

/** What a run measures. */
export interface BenchSettings {
  /** N for item 1 (no-change reconcile); BENCH_SIZES=100,1000,10000. */
  readonly sizes: number[];
  /** N for which the naive baseline also runs (item 2); it makes 2 calls per version, so big N take long. */
  readonly naiveSizes: number[];
  /** Versions created under Notion's rate limit (item 3). */
  readonly throughputVersions: number;
  /** Concurrent /model status requests (item 5). */
  readonly commandRequests: number;
  /** Where docs/benchmarks.md goes; BENCH_DOC=none skips writing. */
  readonly docPath: string | null;
}

export function loadBenchSettings(): BenchSettings {
  const sizes = list('BENCH_SIZES', [100, 1000, 10000]);
  return {
    sizes,
    naiveSizes: list(
      'BENCH_NAIVE_SIZES',
      sizes.filter((n) => n <= 1000),
    ),
    throughputVersions: int('BENCH_THROUGHPUT_VERSIONS', 90),
    commandRequests: int('BENCH_COMMANDS', 50),
    docPath: process.env.BENCH_DOC === 'none' ? null : (process.env.BENCH_DOC ?? 'docs/benchmarks.md'),
  };
}
