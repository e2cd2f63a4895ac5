/**
 * The naive sync the benchmark compares against (bench-only, never used by the app): it finds the managed
 * versions the same way, then checks each version on its own — one MLflow `model-versions/get` and one Notion
 * query filtered to that version — and writes only what differs. Same adapters, same pool size, same pacing.
 */
import { Client } from '@notionhq/client';
import type { MlflowRegistry } from '../src/adapters/mlflow';
import { NOTION_VERSION, type NotionPages } from '../src/adapters/notion';
import { fromNotionPage, queryResponseSchema } from '../src/adapters/notion/notion.fields';
import { NotionRequestPolicy } from '../src/adapters/notion/notion.request-policy';
import { silentLogger } from '../src/core/ports/logger.port';
import { changedFields, desiredFields } from '../src/core/sync/desired-fields';
import { DEFAULT_SYNC_CONCURRENCY } from '../src/core/sync/reconciler';
import { runPool } from '../src/core/sync/run-pool';
import type { SyncStats } from '../src/core/sync/sync-report';

/** Where the naive sync reads Notion (the same database the real adapter uses). */
export interface NaiveNotionTarget {
  readonly baseUrl: string;
  readonly token: string;
  readonly databaseId: string;
  readonly requestsPerSecond: number;
}

/** Runs the per-version sync; returns the same five counters as the real one. */
export async function naiveReconcile(registry: MlflowRegistry, pages: NotionPages, target: NaiveNotionTarget, managedTag: string): Promise<SyncStats> {
  const client = new Client({ auth: target.token, baseUrl: target.baseUrl, notionVersion: NOTION_VERSION, retry: false, logger: () => {} });
  const policy = new NotionRequestPolicy({ requestsPerSecond: target.requestsPerSecond, logger: silentLogger });
  const stats: SyncStats = { created: 0, updated: 0, unchanged: 0, orphaned: 0, errors: 0 };
  try {
    const db = (await policy.run({ what: 'opening the database', idempotent: true }, () => client.databases.retrieve({ database_id: target.databaseId }))) as {
      data_sources: { id: string }[];
    };
    const dataSourceId = db.data_sources[0]?.id as string;
    const listed = [];
    for (const model of await registry.listModelsWithTag(managedTag)) {
      for (const v of await registry.listVersions(model.name)) listed.push(v);
    }
    await runPool(listed, DEFAULT_SYNC_CONCURRENCY, async (listedVersion) => {
      try {
        const version = await registry.getVersion(listedVersion.name, listedVersion.version);
        if (!version) return;
        const raw = await policy.run({ what: 'querying one version', idempotent: true }, () =>
          client.dataSources.query({
            data_source_id: dataSourceId,
            filter: {
              and: [
                { property: 'title', title: { equals: version.name } },
                { property: 'Version', rich_text: { equals: version.version } },
              ],
            },
          }),
        );
        const found = queryResponseSchema.parse(raw).results.map((row) => fromNotionPage(row, ''));
        const wanted = pages.normalize(desiredFields(version, { mlflowUrl: registry.versionUrl(version.name, version.version), zenmlUrl: null }));
        const page = found[0];
        if (!page) {
          await pages.createPage(wanted);
          stats.created += 1;
        } else if (changedFields(page.fields, wanted).length > 0) {
          await pages.updatePage(page.id, wanted);
          stats.updated += 1;
        } else {
          stats.unchanged += 1;
        }
      } catch {
        stats.errors += 1;
      }
    });
    return stats;
  } finally {
    await policy.stop();
  }
}
