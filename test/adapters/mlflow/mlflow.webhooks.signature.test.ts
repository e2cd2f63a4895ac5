import { signMlflowWebhook, verifyMlflowWebhook } from '../../../src/adapters/mlflow/mlflow.webhooks.signature';

/** A delivery captured from the real MLflow 3.17.2 server (webhook secret below), byte for byte. */
const REAL = {
  secret: 's3cr3t-s3cr3t-s3cr3t',
  deliveryId: '47c188c0-f55e-4218-ba9f-6a797a86e07d',
  timestamp: '1795443839',
  signature: 'v1,TMCkyPAF5iuDC5ipH8M9DVB0Pi8gbQusopRuVAY2rkY=',
  body: '{"entity": "model_version", "action": "created", "timestamp": "2026-11-23T14:23:59.632317+00:00", "data": {"name": "m1", "version": "1", "source": "s3://x/y", "run_id": null, "tags": {"a": "b"}, "description": null}}',
};
const NOW_MS = Number(REAL.timestamp) * 1000 + 2_000;

function check(overrides: Partial<typeof REAL> = {}, nowMs = NOW_MS) {
  const d = { ...REAL, ...overrides };
  return verifyMlflowWebhook(
    d.secret,
    { deliveryId: d.deliveryId, timestamp: d.timestamp, signature: d.signature, rawBody: Buffer.from(d.body, 'utf8') },
    nowMs,
  );
}

describe('MLflow webhook signatures', () => {
  it('computes the same signature MLflow sent for a real delivery', () => {
    expect(signMlflowWebhook(REAL.secret, REAL.deliveryId, REAL.timestamp, Buffer.from(REAL.body))).toBe(REAL.signature);
  });

  it('accepts the real delivery and returns its delivery id', () => {
    expect(check()).toEqual({ ok: true, deliveryId: REAL.deliveryId });
  });

  it('refuses a body changed by one byte, another delivery id, another timestamp or another secret', () => {
    expect(check({ body: REAL.body.replace('"m1"', '"m2"') })).toEqual({ ok: false, problem: 'bad_signature' });
    expect(check({ deliveryId: '57c188c0-f55e-4218-ba9f-6a797a86e07d' })).toEqual({ ok: false, problem: 'bad_signature' });
    expect(check({ timestamp: '1795443840' })).toEqual({ ok: false, problem: 'bad_signature' });
    expect(check({ secret: 'another-secret-of-enough-length' })).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it('refuses a forged signature of the right length and a signature without the v1 prefix', () => {
    const forged = `v1,${Buffer.alloc(32, 7).toString('base64')}`;
    expect(check({ signature: forged })).toEqual({ ok: false, problem: 'bad_signature' });
    expect(check({ signature: REAL.signature.slice(3) })).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it('accepts any one valid signature among several (secret rotation)', () => {
    expect(check({ signature: `v1,AAAA ${REAL.signature}` })).toMatchObject({ ok: true });
  });

  it('refuses a correctly signed delivery older or newer than five minutes', () => {
    const sent = Number(REAL.timestamp) * 1000;
    expect(check({}, sent + 5 * 60_000)).toMatchObject({ ok: true });
    expect(check({}, sent + 5 * 60_000 + 1_000)).toEqual({ ok: false, problem: 'stale_timestamp' });
    expect(check({}, sent - 5 * 60_000 - 1_000)).toEqual({ ok: false, problem: 'stale_timestamp' });
  });

  it('refuses deliveries without the three headers or with a timestamp that is not unix seconds', () => {
    expect(check({ signature: '' })).toEqual({ ok: false, problem: 'missing_headers' });
    expect(check({ deliveryId: '' })).toEqual({ ok: false, problem: 'missing_headers' });
    expect(check({ timestamp: '' })).toEqual({ ok: false, problem: 'missing_headers' });
    expect(check({ timestamp: '2026-11-23T14:23:59Z' })).toEqual({ ok: false, problem: 'malformed_timestamp' });
  });

  it('signs the raw bytes, so non-ASCII bodies verify exactly as sent', () => {
    const body = Buffer.from('{"data": {"value": "ü"}}', 'utf8');
    const sig = signMlflowWebhook('0123456789abcdef', 'd1', '100', body);
    expect(verifyMlflowWebhook('0123456789abcdef', { deliveryId: 'd1', timestamp: '100', signature: sig, rawBody: body }, 100_000)).toMatchObject({ ok: true });
    const latin1 = Buffer.from('{"data": {"value": "ü"}}', 'latin1');
    expect(verifyMlflowWebhook('0123456789abcdef', { deliveryId: 'd1', timestamp: '100', signature: sig, rawBody: latin1 }, 100_000)).toMatchObject({
      ok: false,
    });
  });
});
