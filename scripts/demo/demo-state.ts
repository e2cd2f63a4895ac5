/**
 * What one start leaves for the next in <dataDir>/demo-state.json: the Notion database's ids and the ports used.
 * The ports matter because links stored in the data (MLflow tags, Notion URL properties) carry them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { NotionEmulator } from '../../emulators/notion';
import type { DemoPorts } from './demo-workspace';

/** The saved state; every field is optional because older or damaged files may lack it. */
export interface DemoState {
  readonly notionDatabaseId?: string;
  readonly notionDataSourceId?: string;
  readonly ports?: Partial<DemoPorts>;
}

/** Reads the state; a missing or unreadable file is an empty state (the demo then starts over where it must). */
export function readDemoState(file: string): DemoState {
  if (!existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as DemoState) : {};
  } catch {
    return {};
  }
}

export function writeDemoState(file: string, state: DemoState): void {
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** The demo's Notion database: found again by its saved id, created (with only its title column) otherwise. */
export function ensureDatabase(notion: NotionEmulator, state: DemoState): { databaseId: string; dataSourceId: string } {
  const { notionDatabaseId: databaseId, notionDataSourceId: dataSourceId } = state;
  if (databaseId && dataSourceId && notion.store.data.databases[databaseId]) return { databaseId, dataSourceId };
  // Only the title column: the app adds the properties it needs, as it would to a team's existing database.
  return notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
}

/** True when a port that appears in stored links (MLflow, Notion, ZenML) differs from the last start. */
export function linkPortsMoved(previous: Partial<DemoPorts> | undefined, now: DemoPorts): boolean {
  if (!previous) return false;
  return (['mlflow', 'notion', 'zenml'] as const).some((k) => previous[k] !== undefined && previous[k] !== now[k]);
}
