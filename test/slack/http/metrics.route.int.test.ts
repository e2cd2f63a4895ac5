import type { IncomingMessage } from 'node:http';
import { createMetricsRegistry } from '../../../src/adapters/metrics/metrics-registry';
import { registerOutboundMetrics } from '../../../src/adapters/metrics/outbound.metrics';
import { MlflowRegistry } from '../../../src/adapters/mlflow';
import { MLFLOW_MODES } from '../../../src/adapters/mlflow/mlflow.http';
import { silentLogger } from '../../../src/core/ports/logger.port';
import { metricsAccess, metricsRoute } from '../../../src/slack/http/metrics.route';
import { createManagedModel } from '../../support/mlflow-seed';
import { mlflowTestUrl } from '../../support/names';
import { startSlackAppFixture, type SlackAppFixture } from '../../support/slack-app';

jest.setTimeout(60_000);

const TOKEN = 'metrics-token-0123456789abcdef';

describe('GET /metrics (real Bolt HTTP server, real MLflow behind the adapter)', () => {
  let open: SlackAppFixture;
  let guarded: SlackAppFixture;
  let model: string;

  beforeAll(async () => {
    model = (await createManagedModel(mlflowTestUrl(), { versions: 1 })).name;
    const registry = new MlflowRegistry({ trackingUri: mlflowTestUrl() });
    const reads = registry.withMode(MLFLOW_MODES.cachedReads);
    await Promise.all(Array.from({ length: 10 }, () => reads.getModel(model)));
    const metrics = createMetricsRegistry();
    registerOutboundMetrics(metrics, [registry.load]);
    open = await startSlackAppFixture({ registerListeners: () => undefined, routes: [metricsRoute(metrics, undefined, silentLogger)] });
    guarded = await startSlackAppFixture({ registerListeners: () => undefined, routes: [metricsRoute(metrics, TOKEN, silentLogger)] });
  });
  afterAll(async () => {
    await open.stop();
    await guarded.stop();
  });

  it('serves Prometheus text to a loopback client: admission figures per system, Node and process figures, no user data', async () => {
    const res = await fetch(`${open.appUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('# TYPE modelsync_outbound_in_flight gauge');
    expect(text).toContain('modelsync_outbound_in_flight{system="mlflow"} 0');
    expect(text).toContain('modelsync_outbound_queued{system="mlflow"} 0');
    expect(text).toContain('modelsync_outbound_max_in_flight{system="mlflow"} 4');
    expect(text).toContain('# TYPE modelsync_outbound_coalesced_total counter');
    expect(text).toContain('modelsync_outbound_coalesced_total{system="mlflow"} 9');
    expect(text).toContain('modelsync_outbound_started_total{system="mlflow"} 1');
    expect(text).toContain('modelsync_outbound_shed_total{system="mlflow",reason="queue_full",priority="read"} 0');
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).not.toContain(model);
  });

  it('stays off the health route', async () => {
    const health = (await (await fetch(`${open.appUrl}/healthz`)).json()) as Record<string, unknown>;
    expect(JSON.stringify(health)).not.toContain('modelsync_outbound');
  });

  it('refuses a request that came through a proxy when no token is set', async () => {
    const res = await fetch(`${open.appUrl}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'set METRICS_TOKEN to read /metrics from another host' });
  });

  it('with METRICS_TOKEN, asks for the bearer token and accepts only the right one', async () => {
    const none = await fetch(`${guarded.appUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="modelsync metrics"');
    expect((await fetch(`${guarded.appUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    const ok = await fetch(`${guarded.appUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.7' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('modelsync_outbound_in_flight{system="mlflow"}');
  });

  it('without a token, refuses clients that are not on loopback', () => {
    const from = (remoteAddress: string) => ({ headers: {}, socket: { remoteAddress } }) as unknown as IncomingMessage;
    expect(metricsAccess(from('10.0.0.5'), undefined)).toBe('forbidden');
    expect(metricsAccess(from('::1'), undefined)).toBe('allowed');
    expect(metricsAccess(from('::ffff:127.0.0.1'), undefined)).toBe('allowed');
  });
});
