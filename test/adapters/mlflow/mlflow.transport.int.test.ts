import { hasErrorCode, MlflowRegistry } from '../../../src/adapters/mlflow';
import { freePort } from '../../../scripts/mlflow-server';
import { mlflowTestUrl, uniqueModelName } from '../../support/names';
import { createManagedModel } from '../../support/mlflow-seed';
import { failThenForward, startLocalServer, type LocalServer } from './local-http';

const startForwarderOn = (port: number) => startLocalServer(() => ({ kind: 'forward' }), mlflowTestUrl(), port);

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function track(s: Promise<LocalServer>): Promise<LocalServer> {
  const server = await s;
  servers.push(server);
  return server;
}
const fast = { retries: 3, retryBaseDelayMs: 5 };

describe('MLflow retries (a real flaky server in front of the real MLflow)', () => {
  it('retries a read through two 503s and returns the real answer', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 2 });
    const proxy = await track(failThenForward(2, mlflowTestUrl()));
    const r = new MlflowRegistry({ trackingUri: proxy.url, ...fast });
    const versions = await r.listVersions(name);
    expect(versions.map((v) => v.version)).toEqual(['1', '2']);
    expect(proxy.seen.filter((q) => q.url.includes('/model-versions/search'))).toHaveLength(3);
  });

  it('retries idempotent writes (set-tag, PATCH, DELETE) through a 500', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1 });
    await new MlflowRegistry({ trackingUri: mlflowTestUrl() }).transitionStage(name, '1', 'Staging', false);
    for (const write of [
      (r: MlflowRegistry) => r.setVersionTag(name, '1', 'k', 'v'),
      (r: MlflowRegistry) => r.updateVersionDescription(name, '1', 'again'),
      (r: MlflowRegistry) => r.deleteVersionTag(name, '1', 'k'),
    ]) {
      const proxy = await track(failThenForward(1, mlflowTestUrl(), 500));
      await write(new MlflowRegistry({ trackingUri: proxy.url, ...fast }));
      expect({ seen: proxy.seen.length, forwarded: proxy.forwarded }).toEqual({ seen: 2, forwarded: [200] });
    }
    const v = await new MlflowRegistry({ trackingUri: mlflowTestUrl() }).getVersion(name, '1');
    expect(v).toMatchObject({ stage: 'Staging', description: 'again', tags: {} });
  });

  it('does not retry a stage transition on a 500: a hidden success repeated would archive what entered the stage meanwhile', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1 });
    const proxy = await track(failThenForward(1, mlflowTestUrl(), 500));
    const r = new MlflowRegistry({ trackingUri: proxy.url, ...fast });
    await expect(r.transitionStage(name, '1', 'Staging', true)).rejects.toMatchObject({ code: 'mlflow_unavailable' });
    expect(proxy.seen).toHaveLength(1);
    expect((await new MlflowRegistry({ trackingUri: mlflowTestUrl() }).getVersion(name, '1'))?.stage).toBe('None');
  });

  it('sends archive_existing_versions only for Staging and Production, whatever the caller asks', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1 });
    const proxy = await track(startLocalServer(() => ({ kind: 'forward' }), mlflowTestUrl()));
    const r = new MlflowRegistry({ trackingUri: proxy.url, ...fast });
    for (const stage of ['Staging', 'Production', 'None', 'Archived'] as const) await r.transitionStage(name, '1', stage, true);
    const sent = proxy.seen.map((q) => JSON.parse(q.body) as { stage: string; archive_existing_versions: boolean });
    expect(sent.map((b) => [b.stage, b.archive_existing_versions])).toEqual([
      ['Staging', true],
      ['Production', true],
      ['None', false],
      ['Archived', false],
    ]);
  });

  it('gives up after the configured retries with mlflow_unavailable', async () => {
    const proxy = await track(failThenForward(100, mlflowTestUrl()));
    const r = new MlflowRegistry({ trackingUri: proxy.url, retries: 2, retryBaseDelayMs: 5 });
    await expect(r.getModel('m')).rejects.toMatchObject({ code: 'mlflow_unavailable', status: 503, remoteCode: 'TEMPORARILY_UNAVAILABLE' });
    expect(proxy.seen).toHaveLength(3);
  });

  it('does not retry a create on a 503, because the model may have been created', async () => {
    const proxy = await track(failThenForward(1, mlflowTestUrl()));
    const r = new MlflowRegistry({ trackingUri: proxy.url, ...fast });
    const name = uniqueModelName('no-retry');
    await expect(r.createModel(name)).rejects.toMatchObject({ code: 'mlflow_unavailable' });
    expect(proxy.seen).toHaveLength(1);
    await expect(new MlflowRegistry({ trackingUri: mlflowTestUrl() }).getModel(name)).resolves.toBeUndefined();
  });

  it('does not retry a 4xx answer', async () => {
    const proxy = await track(startLocalServer(() => ({ kind: 'json', status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'no' } })));
    await expect(new MlflowRegistry({ trackingUri: proxy.url, ...fast }).getModel('m')).rejects.toMatchObject({ code: 'mlflow_invalid_parameter' });
    expect(proxy.seen).toHaveLength(1);
  });

  it('reports connection refused as mlflow_unavailable, for reads and creates alike', async () => {
    const port = await freePort();
    const r = new MlflowRegistry({ trackingUri: `http://127.0.0.1:${port}`, ...fast });
    const read = r.listModelsWithTag('zenml.mlflow_notion_managed');
    await expect(read).rejects.toMatchObject({ code: 'mlflow_unavailable' });
    const e = await r.createModel('m').catch((x: unknown) => x);
    expect(hasErrorCode(e, 'mlflow_unavailable')).toBe(true);
    expect((e as Error).message).toBe(`MLflow at http://127.0.0.1:${port} could not be reached (ECONNREFUSED) for registered model named 'm'.`);
  });

  it('retries a create when the connection was refused, since nothing reached the server', async () => {
    const port = await freePort();
    const name = uniqueModelName('refused-then-up');
    const r = new MlflowRegistry({ trackingUri: `http://127.0.0.1:${port}`, retries: 5, retryBaseDelayMs: 100 });
    const creating = r.createModel(name);
    // The server comes up while the client is backing off (retries span about 3 s).
    const late = new Promise<LocalServer>((resolve) => setTimeout(() => resolve(track(startForwarderOn(port))), 150));
    await expect(creating).resolves.toBe(true);
    expect((await late).seen).toHaveLength(1);
    expect((await new MlflowRegistry({ trackingUri: mlflowTestUrl() }).getModel(name))?.name).toBe(name);
  });

  it('reports a server that never answers as mlflow_unavailable after the timeout', async () => {
    const proxy = await track(startLocalServer(() => ({ kind: 'hang' })));
    const r = new MlflowRegistry({ trackingUri: proxy.url, timeoutMs: 150, retries: 1, retryBaseDelayMs: 5 });
    await expect(r.getModel('m')).rejects.toMatchObject({ code: 'mlflow_unavailable', message: expect.stringContaining('did not answer within 150 ms') });
    expect(proxy.seen).toHaveLength(2);
  });
});

describe('MLflow authentication headers', () => {
  const ok = () => startLocalServer(() => ({ kind: 'json', status: 200, body: { registered_models: [] } }));

  it('sends the token as a Bearer header', async () => {
    const s = await track(ok());
    await new MlflowRegistry({ trackingUri: s.url, token: 'abc.def' }).listModelsWithTag('t');
    expect(s.seen[0]?.headers.authorization).toBe('Bearer abc.def');
  });

  it('sends username and password as Basic, preferred over a token as MLflow clients do', async () => {
    const s = await track(ok());
    await new MlflowRegistry({ trackingUri: s.url, token: 'abc', username: 'ana', password: 'p:ss wörd' }).listModelsWithTag('t');
    expect(s.seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('ana:p:ss wörd').toString('base64')}`);
  });

  it('sends no Authorization header without credentials, and moves URL userinfo into Basic auth', async () => {
    const s = await track(ok());
    await new MlflowRegistry({ trackingUri: s.url }).listModelsWithTag('t');
    expect(s.seen[0]?.headers.authorization).toBeUndefined();
    const withUserinfo = s.url.replace('http://', 'http://bob:s%40cret@');
    const r = new MlflowRegistry({ trackingUri: withUserinfo });
    await r.listModelsWithTag('t');
    expect(s.seen[1]?.headers.authorization).toBe(`Basic ${Buffer.from('bob:s@cret').toString('base64')}`);
    expect(r.modelUrl('m')).toBe(`${s.url}/#/models/m`);
  });

  it('sends DELETE parameters as a JSON body, which MLflow requires', async () => {
    const s = await track(startLocalServer(() => ({ kind: 'json', status: 200, body: {} })));
    await new MlflowRegistry({ trackingUri: s.url }).deleteAlias('m', 'champion');
    expect(s.seen[0]).toMatchObject({ method: 'DELETE', url: '/api/2.0/mlflow/registered-models/alias' });
    expect(s.seen[0]?.headers['content-type']).toContain('application/json');
    expect(JSON.parse(s.seen[0]?.body ?? '')).toEqual({ name: 'm', alias: 'champion' });
  });

  it('calls runs on the tracking server and the registry on the registry server', async () => {
    const tracking = await track(startLocalServer(() => ({ kind: 'json', status: 200, body: { run: { info: { run_id: 'r1' }, data: {} } } })));
    const reg = await track(ok());
    const r = new MlflowRegistry({ trackingUri: tracking.url, registryUri: reg.url });
    await expect(r.getRun('r1')).resolves.toEqual({ runId: 'r1', metrics: {}, params: {} });
    await r.listModelsWithTag('t');
    expect(tracking.seen.map((q) => q.url)).toEqual(['/api/2.0/mlflow/runs/get?run_id=r1']);
    expect(reg.seen).toHaveLength(1);
  });
});
