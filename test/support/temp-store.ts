import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A SQLite store path of the test's own: the CLI opens the app's state store (watermark, locks), and its default
 * (.data/modelsync.sqlite in the working directory) would be shared by every test file running the CLI at once.
 */
export function tempStorePath(label: string): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), `modelsync-${label}-`)), 'state.sqlite');
}
