import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createLogger } from '../../../src/adapters/log/logger';
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, signMlflowWebhook, TIMESTAMP_HEADER } from '../../../src/adapters/mlflow/mlflow.webhooks.signature';
import { StoreUnavailableError } from '../../../src/adapters/store/store.errors';
import { mlflowWebhookRoute } from '../../../src/slack/http/mlflow-webhook.route';

const SECRET = 'whsec-route-test';
const NOW_MS = 1_800_000_000_000;

/** A signed delivery as MLflow sends it, read by the handler like a real request body. */
function signedDelivery(deliveryId: string): IncomingMessage {
  const body = JSON.stringify({ entity: 'model_version', action: 'created', data: { name: 'churn', version: '3', tags: {} } });
  const timestamp = String(Math.floor(NOW_MS / 1000));
  const headers = {
    [DELIVERY_ID_HEADER]: deliveryId,
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: signMlflowWebhook(SECRET, deliveryId, timestamp, body),
  };
  return Object.assign(Readable.from([Buffer.from(body, 'utf8')]), { headers, method: 'POST', url: '/mlflow/webhook' }) as unknown as IncomingMessage;
}

/** Records what the handler answers. */
function answer() {
  const sent: { status?: number; headers: Record<string, unknown>; body?: string } = { headers: {} };
  const res = {
    setHeader: (name: string, value: unknown) => void (sent.headers[name.toLowerCase()] = value),
    writeHead: (status: number, headers: Record<string, unknown>) => {
      sent.status = status;
      Object.assign(sent.headers, headers);
    },
    end: (text: string) => void (sent.body = text),
  } as unknown as ServerResponse;
  return { res, sent };
}

describe('POST /mlflow/webhook when the state store fails', () => {
  it('answers 503 with Retry-After and logs the error object with its class, stack and cause', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', secrets: [SECRET], destination: { write: (s: string) => void lines.push(s) } });
    const outage = new StoreUnavailableError('unreachable', 'remember a webhook delivery', { cause: new Error('connect ECONNREFUSED 127.0.0.1:6379') });
    const route = mlflowWebhookRoute({ secret: SECRET, clock: { now: () => NOW_MS }, logger, receiver: { receive: () => Promise.reject(outage) } });
    const { res, sent } = answer();

    await route.handler(signedDelivery('d-503'), res);

    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('10');
    const line = JSON.parse(lines.find((l) => l.includes('delivery not recorded')) ?? '{}') as { deliveryId?: string; err?: Record<string, unknown> };
    expect(line.deliveryId).toBe('d-503');
    expect(line.err).toMatchObject({ type: 'StoreUnavailableError', code: 'store_unavailable', failure: 'unreachable' });
    expect(String(line.err?.stack)).toContain('StoreUnavailableError');
    expect(JSON.stringify(line.err)).toContain('connect ECONNREFUSED 127.0.0.1:6379');
  });
});
