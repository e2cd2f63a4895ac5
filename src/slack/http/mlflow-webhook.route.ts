import type { IncomingMessage } from 'node:http';
import type { Clock } from '../../core/ports/clock.port';
import type { Logger } from '../../core/ports/logger.port';
import type { WebhookDelivery } from '../../core/webhooks/registry-event';
import type { IntakeResult } from '../../core/webhooks/webhook-intake';
import { parseWebhookBody } from '../../adapters/mlflow/mlflow.webhooks.payload';
import {
  DEFAULT_TOLERANCE_MS,
  DELIVERY_ID_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyMlflowWebhook,
} from '../../adapters/mlflow/mlflow.webhooks.signature';
import { sendJson, type HttpRoute } from './http-route';

/** Where MLflow posts registry events (MLFLOW_WEBHOOK_URL ends with this path). */
export const MLFLOW_WEBHOOK_PATH = '/mlflow/webhook';
/** MLflow's payloads are a few hundred bytes; anything this large is not one of them. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;
/**
 * Retry-After of a 503 (state store unavailable). MLflow's urllib3 retry honours it for 503: its 3 retries then
 * span about 30 s instead of 1 + 2 + 4 s, long enough for Redis to restart; past that, the scheduled reconcile
 * repairs whatever the lost delivery would have done.
 */
export const STORE_DOWN_RETRY_AFTER_SECONDS = 10;

/** The use case behind the endpoint (WebhookIntake). */
export interface WebhookReceiver {
  receive(delivery: WebhookDelivery): Promise<IntakeResult>;
}

export interface MlflowWebhookRouteOptions {
  /** The secret the webhook was installed with (MLFLOW_WEBHOOK_SECRET). */
  readonly secret: string;
  readonly receiver: WebhookReceiver;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly toleranceMs?: number;
}

class BodyTooLargeError extends Error {}

/** The body exactly as sent: the signature covers these bytes, not a re-serialised JSON. */
async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    size += buf.length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * POST /mlflow/webhook: verifies MLflow's HMAC signature and timestamp, drops duplicate deliveries, answers 202 at
 * once and lets the intake do the work afterwards. MLflow retries only 429 and 5xx, so refusals are 4xx (final)
 * and a state-store outage is 503 (retried).
 */
export function mlflowWebhookRoute(options: MlflowWebhookRouteOptions): HttpRoute {
  const { secret, receiver, clock, logger } = options;
  return {
    path: MLFLOW_WEBHOOK_PATH,
    method: 'POST',
    async handler(req, res) {
      let rawBody: Buffer;
      try {
        rawBody = await readRawBody(req, MAX_WEBHOOK_BODY_BYTES);
      } catch (e) {
        if (e instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'body too large' });
        throw e;
      }
      const check = verifyMlflowWebhook(
        secret,
        { deliveryId: header(req, DELIVERY_ID_HEADER), timestamp: header(req, TIMESTAMP_HEADER), signature: header(req, SIGNATURE_HEADER), rawBody },
        clock.now(),
        options.toleranceMs ?? DEFAULT_TOLERANCE_MS,
      );
      if (!check.ok) {
        logger.warn({ problem: check.problem, deliveryId: header(req, DELIVERY_ID_HEADER) }, 'MLflow webhook delivery refused');
        const status = check.problem === 'stale_timestamp' || check.problem === 'malformed_timestamp' ? 400 : 401;
        return sendJson(res, status, { error: check.problem === 'stale_timestamp' ? 'timestamp outside the accepted window' : 'signature refused' });
      }
      const parsed = parseWebhookBody(rawBody);
      if (parsed.kind === 'invalid') {
        logger.warn({ deliveryId: check.deliveryId, problem: parsed.problem }, 'MLflow webhook body not understood');
        return sendJson(res, 400, { error: parsed.problem });
      }
      if (parsed.kind === 'ignored') {
        logger.debug({ deliveryId: check.deliveryId, type: parsed.type }, 'MLflow webhook event not handled by modelsync');
        return sendJson(res, 200, { status: 'ignored' });
      }
      let result: IntakeResult;
      try {
        result = await receiver.receive({ deliveryId: check.deliveryId, event: parsed.event });
      } catch (e) {
        logger.error({ deliveryId: check.deliveryId, err: e }, 'MLflow webhook delivery not recorded; MLflow will retry');
        res.setHeader('retry-after', String(STORE_DOWN_RETRY_AFTER_SECONDS));
        return sendJson(res, 503, { error: 'temporarily unavailable' });
      }
      sendJson(res, result.status === 'accepted' ? 202 : 200, { status: result.status });
    },
  };
}
