/** The machine and its load, recorded next to the figures (a loaded 2-core box changes them a lot). */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { MLFLOW_BIN } from '../../scripts/mlflow-server';

/** What docs/benchmarks.md says about where the figures come from. */
export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memTotalGb: number;
  readonly memFreeGb: number;
  readonly loadAvg: [number, number, number];
  readonly node: string;
  readonly mlflow: string;
  readonly platform: string;
  readonly at: string;
}

function mlflowVersion(): Promise<string> {
  return new Promise((resolve) => {
    execFile(MLFLOW_BIN, ['--version'], { timeout: 60_000 }, (err, stdout) => resolve(err ? 'unknown' : stdout.trim().replace(/^mlflow, version /, '')));
  });
}

export async function describeMachine(): Promise<MachineInfo> {
  const load = os.loadavg();
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memTotalGb: os.totalmem() / 2 ** 30,
    memFreeGb: os.freemem() / 2 ** 30,
    loadAvg: [load[0] ?? 0, load[1] ?? 0, load[2] ?? 0],
    node: process.version,
    mlflow: await mlflowVersion(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    at: new Date().toISOString(),
  };
}
