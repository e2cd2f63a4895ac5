/**
 * Auth refresh, retries and outages of the ZenML adapter, against a real ZenML server started once for this file
 * (5xx answers come from a loopback fault proxy in front of it: a healthy server gives none on demand).
 */
import { ZenmlLineageAdapter } from '../../../src/adapters/zenml';
import { freePort } from '../../../scripts/mlflow-server';
import { createZenmlUser, type ZenmlServer } from '../../../scripts/zenml-server';
import { uniqueModelName } from '../../support/names';
import { startFaultProxy, type FaultProxy } from '../../support/zenml-fault-proxy';
import { startTestZenml, ZenmlTestClient } from '../../support/zenml-harness';

let server: ZenmlServer;
let admin: ZenmlTestClient;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startTestZenml();
  admin = new ZenmlTestClient(server);
  proxy = await startFaultProxy(server.url);
}, 150_000);

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

describe('token refresh', () => {
  it('logs in again once when the server stops accepting the cached token, and the call succeeds', async () => {
    const user = `syncer-${uniqueModelName('u')}`;
    await createZenmlUser(server, user, 'pw-syncer-1');
    const name = uniqueModelName('zen');
    await admin.seedModel(name, 2);
    const lineage = new ZenmlLineageAdapter({ serverUrl: server.url, username: user, password: 'pw-syncer-1' });
    await lineage.listVersions(name);
    const asUser = new ZenmlTestClient(server, user, 'pw-syncer-1');
    const oldToken = await asUser.login();

    // ZenML rejects tokens issued before a password change; "changing" it to the same value keeps the login valid.
    await asUser.request('PUT', '/current-user', { password: 'pw-syncer-1', old_password: 'pw-syncer-1' });
    expect((await asUser.raw('GET', '/current-user', undefined, oldToken)).status).toBe(401);

    await expect(lineage.listVersions(name)).resolves.toHaveLength(2);
    expect(lineage.logins).toBe(2);
  });

  it('gives up with zenml_unauthorized when the fresh login is refused too', async () => {
    const user = `gone-${uniqueModelName('u')}`;
    await createZenmlUser(server, user, 'pw-gone-1');
    const lineage = new ZenmlLineageAdapter({ serverUrl: server.url, username: user, password: 'pw-gone-1' });
    await lineage.listVersions('anything');
    const asUser = new ZenmlTestClient(server, user, 'pw-gone-1');
    await asUser.request('PUT', '/current-user', { password: 'pw-gone-2', old_password: 'pw-gone-1' });

    await expect(lineage.listVersions('anything')).rejects.toMatchObject({ code: 'zenml_unauthorized', status: 401 });
    expect(lineage.logins).toBe(2);
  });
});

describe('retries', () => {
  const fast = { maxRetries: 2, retryBaseDelayMs: 10 };

  it('retries a read after 5xx answers and returns the real result', async () => {
    const name = uniqueModelName('zen');
    await admin.seedModel(name, 3);
    const lineage = new ZenmlLineageAdapter({ serverUrl: proxy.url, username: server.username, password: server.password, ...fast });
    await lineage.listVersions(name);
    const before = proxy.seen.length;
    proxy.inject({ method: 'GET', pathPrefix: '/api/v1/model_versions', status: 503, times: 2 });

    await expect(lineage.listVersions(name)).resolves.toHaveLength(3);
    expect(proxy.seen.slice(before)).toEqual(Array(3).fill('GET /api/v1/model_versions'));
  });

  it('retries a stage update after a 502 and the stage is set once the server answers', async () => {
    const [id] = (await admin.seedModel(uniqueModelName('zen'), 1)) as [string];
    const lineage = new ZenmlLineageAdapter({ serverUrl: proxy.url, username: server.username, password: server.password, ...fast });
    proxy.inject({ method: 'PUT', pathPrefix: `/api/v1/model_versions/${id}`, status: 502, times: 1 });

    await lineage.setStage(id, 'Staging');

    expect(await admin.stageOf(id)).toBe('staging');
  });

  it('fails with zenml_unavailable when 5xx answers outlast the retries', async () => {
    const lineage = new ZenmlLineageAdapter({ serverUrl: proxy.url, username: server.username, password: server.password, ...fast });
    await lineage.listVersions('warm-up');
    const before = proxy.seen.length;
    proxy.inject({ method: 'GET', pathPrefix: '/api/v1/model_versions', status: 500, times: 5 });

    await expect(lineage.listVersions('x')).rejects.toMatchObject({ code: 'zenml_unavailable', status: 500 });
    expect(proxy.seen.length - before).toBe(3);
  });
});

describe('outage', () => {
  it('fails with zenml_unavailable naming the server when nothing listens there', async () => {
    const port = await freePort();
    const lineage = new ZenmlLineageAdapter({ serverUrl: `http://127.0.0.1:${port}`, apiKey: 'ZENKEY_x', maxRetries: 1, retryBaseDelayMs: 10 });

    const error = await lineage.listVersions('m').catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'zenml_unavailable', system: 'zenml' });
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain('ZENKEY_x');
  });

  // Last in the file: it stops the shared server.
  it('fails with zenml_unavailable after the server it was using stops', async () => {
    const lineage = new ZenmlLineageAdapter({
      serverUrl: server.url,
      username: server.username,
      password: server.password,
      maxRetries: 1,
      retryBaseDelayMs: 10,
    });
    await expect(lineage.listVersions('m')).resolves.toEqual([]);

    await server.stop();

    await expect(lineage.listVersions('m')).rejects.toMatchObject({ code: 'zenml_unavailable' });
  });
});
