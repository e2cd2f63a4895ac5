/**
 * MLflow webhook signatures (mlflow/webhooks/delivery.py, 3.x): header `X-MLflow-Signature: v1,<base64>` where
 * <base64> = HMAC-SHA256(key = secret as UTF-8, message = `${deliveryId}.${timestamp}.${raw body}`), plus
 * `X-MLflow-Delivery-Id` (uuid4) and `X-MLflow-Timestamp` (unix seconds). MLflow itself enforces no age limit.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-mlflow-signature';
export const TIMESTAMP_HEADER = 'x-mlflow-timestamp';
export const DELIVERY_ID_HEADER = 'x-mlflow-delivery-id';
const SIGNATURE_VERSION = 'v1';
/** Deliveries signed longer ago than this (or this far in the future) are refused as replays. */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;
/** MLflow's delivery ids are uuid4; anything longer than this is not one of them. */
const MAX_DELIVERY_ID_CHARS = 200;

/** The signature-relevant parts of a request. */
export interface SignedDelivery {
  readonly deliveryId: string | undefined;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly rawBody: Buffer;
}

/** Why a delivery was refused (the endpoint logs the reason; the answer says only "refused"). */
export type SignatureProblem = 'missing_headers' | 'malformed_timestamp' | 'stale_timestamp' | 'bad_signature';

export type SignatureCheck = { readonly ok: true; readonly deliveryId: string } | { readonly ok: false; readonly problem: SignatureProblem };

/** `v1,` + base64 HMAC-SHA256 of `${deliveryId}.${timestamp}.${body}`, exactly as MLflow computes it. */
export function signMlflowWebhook(secret: string, deliveryId: string, timestamp: string, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  mac.update(`${deliveryId}.${timestamp}.`, 'utf8');
  mac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
  return `${SIGNATURE_VERSION},${mac.digest('base64')}`;
}

/**
 * Checks the signature over the raw body bytes (constant-time) and the timestamp's age. The header may carry
 * several space-separated signatures (Standard Webhooks style, during secret rotation): any valid one passes.
 */
export function verifyMlflowWebhook(secret: string, d: SignedDelivery, nowMs: number, toleranceMs = DEFAULT_TOLERANCE_MS): SignatureCheck {
  const { deliveryId, timestamp, signature } = d;
  if (!deliveryId || !timestamp || !signature || deliveryId.length > MAX_DELIVERY_ID_CHARS) return { ok: false, problem: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, problem: 'malformed_timestamp' };
  const expected = Buffer.from(signMlflowWebhook(secret, deliveryId, timestamp, d.rawBody), 'utf8');
  const valid = signature
    .split(' ')
    .filter((s) => s.length > 0)
    .some((candidate) => {
      const given = Buffer.from(candidate, 'utf8');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  if (!valid) return { ok: false, problem: 'bad_signature' };
  // Checked after the signature, so an attacker learns nothing about timing rules from unsigned requests.
  if (Math.abs(nowMs - Number(timestamp) * 1000) > toleranceMs) return { ok: false, problem: 'stale_timestamp' };
  return { ok: true, deliveryId };
}
