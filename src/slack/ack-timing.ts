/**
 * Times every acknowledgement the app sends Slack, from the moment the receiver hands the request to Bolt (after
 * the signature check) to the end of its `ack()`: the dedupe middleware's store round trip included, which is most
 * of it. Bolt has no hook for this and copies the arguments for each middleware, so the receiver event is wrapped.
 */
import type { App, ReceiverEvent } from '@slack/bolt';
import type { AckKind } from '../adapters/metrics/app.metrics';

/** The kind of a Slack request body, from a closed set. */
export function ackKindOf(body: unknown): AckKind {
  const b = body as { command?: unknown; type?: unknown } | undefined;
  if (typeof b?.command === 'string') return 'command';
  if (b?.type === 'block_actions') return 'action';
  if (b?.type === 'view_submission' || b?.type === 'view_closed') return 'view';
  return 'other';
}

/** Makes `app` report each ack's latency to `observe` (once per request, however many times ack is called). */
export function timeAcks(app: App, observe: (kind: AckKind, seconds: number) => void): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const received = performance.now();
    let seen = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      try {
        return await event.ack(response);
      } finally {
        if (!seen) {
          seen = true;
          observe(ackKindOf(event.body), (performance.now() - received) / 1000);
        }
      }
    };
    return processEvent({ ...event, ack });
  };
}
