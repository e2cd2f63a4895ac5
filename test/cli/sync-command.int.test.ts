import { DEFAULT_PERSON } from '../../emulators/notion';
import { runCli, EXIT_BAD_CONFIG, EXIT_ERRORS, EXIT_OK } from '../../src/cli/main';
import { createManagedModel, mlflowRest } from '../support/mlflow-seed';
import { pageText, startSyncHarness, type SyncHarness } from '../support/sync-harness';
import { tempStorePath } from '../support/temp-store';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness();
});
afterAll(async () => {
  await h.stop();
});

async function cli(args: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    env,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

function envFor(extra: Record<string, string> = {}): Record<string, string> {
  return {
    MLFLOW_TRACKING_URI: h.mlflowUrl,
    NOTION_API_TOKEN: h.notion.token,
    NOTION_DATABASE_ID: h.databaseId,
    NOTION_API_URL: h.notion.url,
    NOTION_REQUESTS_PER_SECOND: '1000',
    MANAGED_TAG: h.managedTag,
    STORE_PATH: storePath,
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

const storePath = tempStorePath('cli-sync');

describe('modelsync sync', () => {
  it('prints the report and exits 0, then reports everything unchanged as JSON', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 2, managedTag: h.managedTag });
    const first = await cli(['sync'], envFor());
    expect(first.code).toBe(EXIT_OK);
    expect(first.out).toContain('created 2  updated 0  unchanged 0  orphaned 0  errors 0');
    expect(first.out).toContain(`${name} v1: Notion page created`);

    const second = await cli(['sync', '--json'], envFor());
    expect(second.code).toBe(EXIT_OK);
    const report = JSON.parse(second.out);
    expect(report.stats).toEqual({ created: 0, updated: 0, unchanged: 2, orphaned: 0, errors: 0 });
  });

  it('writes nothing with --dry-run and limits the run with --model', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    const before = h.livePages().length;
    const dry = await cli(['sync', '--dry-run', '--json', '--model', name], envFor());
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, created: 1, scope: { model: name } });
    expect(h.livePages()).toHaveLength(before);
  });

  it('runs --cleanup-orphans as the operator: no Slack identity, APPROVERS or SYNC_ADMINS involved (docs/security.md)', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 2, managedTag: h.managedTag });
    expect((await cli(['sync', '--model', name], envFor())).code).toBe(EXIT_OK);
    await mlflowRest(h.mlflowUrl, 'DELETE', 'model-versions/delete', { name, version: '2' });
    const pagesOf = () => h.livePages().filter((p) => pageText(p, 'Model Name') === name);
    expect(pagesOf()).toHaveLength(2);
    const run = await cli(['sync', '--model', name, '--cleanup-orphans', '--json'], envFor({ APPROVERS: 'U0BOB', SYNC_ADMINS: 'U0NINA' }));
    expect(run.code).toBe(EXIT_OK);
    expect(JSON.parse(run.out).orphans).toEqual([expect.objectContaining({ model: name, version: '2', trashed: true })]);
    expect(pagesOf().map((p) => pageText(p, 'Version'))).toEqual(['1']);
  });

  it('adds the not-managed pages and overwritten Notion edits to --json without changing the fields it had', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    await cli(['sync', '--model', name], envFor());
    const ours = h.livePages().find((p) => JSON.stringify(p.properties).includes(name))!;
    h.notion.updatePageAs(DEFAULT_PERSON.id, ours.id as string, { Description: { rich_text: [{ text: { content: 'by hand' } }] } });
    const theirs = h.notion.createPageAs(DEFAULT_PERSON.id, h.dataSourceId, {
      'Model Name': { title: [{ text: { content: name } }] },
      Version: { rich_text: [{ text: { content: '1' } }] },
    });
    const run = await cli(['sync', '--json', '--model', name], envFor());
    const report = JSON.parse(run.out);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['stats', 'changes', 'stageDrift', 'failures', 'orphans', 'lineageGaps', 'notes', 'perModel', 'scope', 'dryRun']),
    );
    expect(report.notManaged).toEqual([{ pageId: theirs.id, url: theirs.url, model: name, version: '1' }]);
    expect(report.notionEditsOverwritten).toEqual([expect.objectContaining({ pageId: ours.id, fields: ['description'], editedBy: DEFAULT_PERSON.id })]);
    expect(report.deferred).toEqual([]);
    const text = await cli(['sync', '--model', name], envFor());
    expect(text.out).toContain(`Not managed (made by someone else; left alone):\n  - ${name} v1: ${theirs.url as string}`);
  });

  it('exits 1 when the run had errors and names them', async () => {
    await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    h.notion.faults.add({ kind: 'status', status: 500, path: '/v1/pages', method: 'POST', count: 5 });
    const run = await cli(['sync'], envFor());
    h.notion.faults.clear();
    expect(run.code).toBe(EXIT_ERRORS);
    expect(run.out).toMatch(/Errors:\n {2}- .* v1 \[notion\]: /);
  });

  it('exits 2 on a bad configuration, listing every problem without echoing secrets', async () => {
    const run = await cli(['sync'], { MLFLOW_TRACKING_URI: './mlruns', NOTION_API_TOKEN: 'ntn_do_not_print_me' });
    expect(run.code).toBe(EXIT_BAD_CONFIG);
    expect(run.err).toContain('MLFLOW_TRACKING_URI must be the http(s) URL of an MLflow server');
    expect(run.err).toContain('NOTION_DATABASE_ID is required');
    expect(run.err).not.toContain('ntn_do_not_print_me');
  });

  it("exits 2 on an unknown option with commander's message", async () => {
    const run = await cli(['sync', '--cleanup'], envFor());
    expect(run.code).toBe(EXIT_BAD_CONFIG);
    expect(run.err).toMatch(/unknown option '--cleanup'/);
  });

  it('exits 1 with a clear sentence when MLflow cannot be reached', async () => {
    const run = await cli(['sync'], envFor({ MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' }));
    expect(run.code).toBe(EXIT_ERRORS);
    expect(run.err).toMatch(/^modelsync: the sync could not run: .*MLflow/);
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});
