/** The ZenML adapter against a real ZenML server (pinned zenml[server] in .venv/zenml), started once for this file. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZenmlLineageAdapter } from '../../../src/adapters/zenml';
import { createZenmlApiKey, type ZenmlServer } from '../../../scripts/zenml-server';
import { uniqueModelName } from '../../support/names';
import { runSeedPipeline, startTestZenml, ZenmlTestClient, type SeededRun } from '../../support/zenml-harness';

let server: ZenmlServer;
let admin: ZenmlTestClient;
let lineage: ZenmlLineageAdapter;
let clientDir: string;

beforeAll(async () => {
  server = await startTestZenml();
  admin = new ZenmlTestClient(server);
  lineage = new ZenmlLineageAdapter({ serverUrl: server.url, username: server.username, password: server.password });
  clientDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-zenml-client-'));
}, 150_000);

afterAll(async () => {
  await server?.stop();
  if (clientDir) rmSync(clientDir, { recursive: true, force: true });
});

describe('reading versions', () => {
  it('lists every version of a model in number order with stage None, no metadata and a link per version', async () => {
    const name = uniqueModelName('zen');
    const ids = await admin.seedModel(name, 3);

    const versions = await lineage.listVersions(name);

    expect(versions.map((v) => [v.id, v.number, v.stage, v.modelName])).toEqual([
      [ids[0], 1, 'None', name],
      [ids[1], 2, 'None', name],
      [ids[2], 3, 'None', name],
    ]);
    expect(versions.every((v) => Object.keys(v.metadata).length === 0)).toBe(true);
    // Open-source servers have no dashboard page per version: the link is the version's REST resource.
    expect(versions[1]?.url).toBe(`${server.url}/api/v1/model_versions/${ids[1]}`);
    const viaLink = await fetch(versions[1]?.url ?? '', { headers: { Authorization: `Bearer ${await admin.login()}` } });
    expect(((await viaLink.json()) as { id: string }).id).toBe(ids[1]);
  });

  it('returns no versions for a model ZenML does not have', async () => {
    await expect(lineage.listVersions(uniqueModelName('absent'))).resolves.toEqual([]);
  });

  it('gets one version by id and returns undefined for an unknown or malformed id', async () => {
    const name = uniqueModelName('zen');
    const [id] = await admin.seedModel(name, 1);

    await expect(lineage.getVersion(id ?? '')).resolves.toMatchObject({ id, number: 1, modelName: name });
    await expect(lineage.getVersion('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
    await expect(lineage.getVersion('not-a-uuid')).resolves.toBeUndefined();
  });
});

describe('logging in', () => {
  it('works with a service-account API key', async () => {
    const key = await createZenmlApiKey(server, `sa-${uniqueModelName('k')}`);
    const name = uniqueModelName('zen');
    await admin.seedModel(name, 2);
    const byKey = new ZenmlLineageAdapter({ serverUrl: server.url, apiKey: key });

    await expect(byKey.listVersions(name)).resolves.toHaveLength(2);
    expect(byKey.logins).toBe(1);
  });

  it('reuses one token across calls', async () => {
    const fresh = new ZenmlLineageAdapter({ serverUrl: server.url, username: server.username, password: server.password });
    const name = uniqueModelName('zen');
    await admin.seedModel(name, 1);

    await fresh.listVersions(name);
    await fresh.listVersions(name);
    await Promise.all([fresh.listVersions(name), fresh.listVersions(name)]);

    expect(fresh.logins).toBe(1);
  });

  it('fails with zenml_unauthorized and no secret in the message when the password is wrong', async () => {
    const wrong = new ZenmlLineageAdapter({ serverUrl: server.url, username: server.username, password: 'wrong-secret-123' });

    const error = await wrong.listVersions('any').catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'zenml_unauthorized', system: 'zenml', status: 401 });
    expect(String((error as Error).message)).not.toContain('wrong-secret-123');
  });
});

describe('setting the stage', () => {
  it('promotes with force, archiving the version that held Production before', async () => {
    const name = uniqueModelName('zen');
    const [v1, v2, v3] = (await admin.seedModel(name, 3)) as [string, string, string];

    await lineage.setStage(v1, 'Production');
    await lineage.setStage(v3, 'Staging');
    await lineage.setStage(v2, 'Production');

    expect(await admin.stageOf(v1)).toBe('archived');
    expect(await admin.stageOf(v2)).toBe('production');
    expect(await admin.stageOf(v3)).toBe('staging');
    const stages = (await lineage.listVersions(name)).map((v) => v.stage);
    expect(stages).toEqual(['Archived', 'Production', 'Staging']);
  });

  it('moves a version back to None and to Archived', async () => {
    const name = uniqueModelName('zen');
    const [v1, v2] = (await admin.seedModel(name, 2)) as [string, string];
    await lineage.setStage(v1, 'Staging');

    await lineage.setStage(v1, 'None');
    await lineage.setStage(v2, 'Archived');

    expect(await admin.stageOf(v1)).toBe('none');
    await expect(lineage.getVersion(v2)).resolves.toMatchObject({ stage: 'Archived' });
  });

  it('refuses an id that is not a ZenML version id without calling the server', async () => {
    await expect(lineage.setStage('3', 'Production')).rejects.toMatchObject({ code: 'zenml_invalid_request' });
  });
});

describe('metadata', () => {
  it('writes registry links and a sync error, reads them back, and the latest write of a key wins', async () => {
    const name = uniqueModelName('zen');
    const [id] = (await admin.seedModel(name, 1)) as [string];
    const links = { mlflow_model_url: 'http://mlflow.local/#/models/x/versions/1', notion_page_url: null };

    await lineage.setMetadata(id, { registry_links: links, notion_sync_error: 'Notion answered 503' });
    await expect(lineage.getVersion(id)).resolves.toMatchObject({
      metadata: { registry_links: links, notion_sync_error: 'Notion answered 503' },
    });

    const withPage = { ...links, notion_page_url: 'https://notion.local/page-1' };
    await lineage.setMetadata(id, { registry_links: withPage, notion_sync_error: '' });

    const [listed] = await lineage.listVersions(name);
    expect(listed?.metadata).toEqual({ registry_links: withPage, notion_sync_error: '' });
  });

  it('refuses a top-level null value with a message saying how to clear a key', async () => {
    const [id] = (await admin.seedModel(uniqueModelName('zen'), 1)) as [string];

    await expect(lineage.setMetadata(id, { notion_sync_error: null })).rejects.toMatchObject({
      code: 'zenml_invalid_request',
      message: expect.stringContaining("write ''"),
    });
  });
});

describe('finding the version a pipeline run produced', () => {
  let seeded: SeededRun;
  let name: string;

  beforeAll(async () => {
    name = uniqueModelName('piped');
    await admin.seedModel(name, 2);
    // A real pipeline run with Model(name): ZenML creates version 3 and links it to the run.
    seeded = await runSeedPipeline(server, name, clientDir);
  }, 120_000);

  it('returns the version ZenML linked to the run, not the one with an equal number', async () => {
    expect(seeded.number).toBe(3);

    const found = await lineage.findByPipelineRun(name, seeded.run_id);

    expect(found.map((v) => [v.id, v.number])).toEqual([[seeded.model_version_id, 3]]);
  });

  it('finds nothing for another model, an unknown run or a malformed run id', async () => {
    await expect(lineage.findByPipelineRun(uniqueModelName('other'), seeded.run_id)).resolves.toEqual([]);
    await expect(lineage.findByPipelineRun(name, '00000000-0000-4000-8000-000000000000')).resolves.toEqual([]);
    await expect(lineage.findByPipelineRun(name, 'run-42')).resolves.toEqual([]);
  });
});
