/**
 * Keeps the demo channel's history across restarts. The Slack emulator holds messages in memory; the demo writes
 * them to .demo/ on stop and puts them back on start, so pending approval requests still have their buttons.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SlackEmulator, StoredMessage } from '../../emulators/slack';

/** Writes every channel's history (ephemeral messages left out: Slack does not keep them either). */
export function saveSlackHistory(emulator: SlackEmulator, file: string): void {
  const all = Object.values(emulator.allMessages())
    .flat()
    .filter((m) => m.visibleTo === undefined);
  writeFileSync(file, JSON.stringify(all, null, 1));
}

/** Puts saved messages back; returns how many. A damaged file is ignored (the demo then starts with an empty channel). */
export function restoreSlackHistory(emulator: SlackEmulator, file: string): number {
  if (!existsSync(file)) return 0;
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return 0;
  }
  if (!Array.isArray(saved)) return 0;
  let n = 0;
  for (const m of saved as StoredMessage[]) {
    if (typeof m?.channel !== 'string' || typeof m.ts !== 'string') continue;
    emulator.workspace.addMessage({ ...m });
    n += 1;
  }
  return n;
}
