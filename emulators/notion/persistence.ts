import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { emptyData, type EmulatorData } from './model';

/** Loads a saved workspace, or an empty one when the file does not exist yet. */
export function loadData(file: string): EmulatorData {
  if (!existsSync(file)) return emptyData();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<EmulatorData>;
  return { databases: parsed.databases ?? {}, dataSources: parsed.dataSources ?? {}, pages: parsed.pages ?? {}, seq: parsed.seq ?? 0 };
}

/** Writes the workspace atomically (temp file + rename) so a crash never leaves half a file. */
export function saveData(file: string, data: EmulatorData): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
}

/** Coalesces saves: many writes in a burst cost one file write. */
export class DebouncedSaver {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly file: string,
    private readonly data: () => EmulatorData,
    private readonly delayMs = 50,
  ) {}

  /** Schedules a save. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
    this.timer.unref();
  }

  /** Saves now if anything is pending. */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    saveData(this.file, this.data());
  }
}
