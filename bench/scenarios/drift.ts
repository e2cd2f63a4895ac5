/** Item 4: 1% of a synced tier drifts (half edited in Notion, half in MLflow); the repair writes exactly that. */
import { Client } from '@notionhq/client';
import { NOTION_VERSION } from '../../src/adapters/notion';
import { measureRun, type RunMeasure } from './no-change';
import type { BenchWorld, Tier } from '../support/world';

/** The drift made and what the repair run did about it. */
export interface DriftMeasure {
  readonly drifted: number;
  readonly driftedInNotion: number;
  readonly driftedInMlflow: number;
  readonly run: RunMeasure;
}

function text(page: Record<string, unknown>, prop: string): string {
  const p = (page.properties as Record<string, Record<string, unknown>>)[prop];
  const items = (p?.title ?? p?.rich_text ?? []) as { plain_text: string }[];
  return items.map((t) => t.plain_text).join('');
}

/** `count`: versions to drift (default 1% of the tier); `run`: the measured repair (default a full reconcile). */
export async function measureDrift(world: BenchWorld, tier: Tier, options: { count?: number; run?: () => Promise<RunMeasure> } = {}): Promise<DriftMeasure> {
  const live = world.notion.listPages(tier.dataSourceId).filter((p) => p.in_trash !== true);
  const count = options.count ?? Math.ceil(tier.versions / 100);
  const step = Math.floor(live.length / count);
  const chosen = Array.from({ length: count }, (_, i) => live[i * step] as Record<string, unknown>);
  const inNotion = chosen.slice(0, Math.ceil(count / 2));
  const inMlflow = chosen.slice(inNotion.length);
  // Someone edits Stage in Notion by hand: the sync must put MLflow's value back.
  const client = new Client({ auth: world.notion.token, baseUrl: world.notion.url, notionVersion: NOTION_VERSION });
  for (const page of inNotion) {
    await client.pages.update({ page_id: page.id as string, properties: { Stage: { select: { name: 'Archived' } } } });
  }
  // Someone edits the description in MLflow: the sync must carry it to Notion.
  for (const page of inMlflow) {
    const res = await fetch(`${world.mlflowUrl}/api/2.0/mlflow/model-versions/update`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: text(page, 'Model Name'), version: text(page, 'Version'), description: 'edited in MLflow by the drift benchmark' }),
    });
    if (!res.ok) throw new Error(`could not edit an MLflow description for the drift benchmark: HTTP ${res.status}`);
  }
  const run = await (options.run ?? (() => measureRun(world, tier, 'reconcile')))();
  return { drifted: count, driftedInNotion: inNotion.length, driftedInMlflow: inMlflow.length, run };
}
