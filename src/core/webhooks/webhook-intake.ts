import type { Logger } from '../ports/logger.port';
import type { DeliveryDedup } from './delivery-dedup';
import type { WebhookDelivery } from './registry-event';
import type { EventOutcome, RegistryEventHandler } from './registry-event.handler';

/** What the endpoint answers at once; `done` settles when the work behind it is over (undefined if it failed). */
export interface IntakeResult {
  readonly status: 'accepted' | 'duplicate';
  readonly done: Promise<EventOutcome | undefined>;
}

/**
 * Takes verified deliveries: drops duplicates, then runs the work after the HTTP answer (MLflow waits at most
 * 30 s and retries 5xx). Events of one model run one after another, in arrival order, so two events of one
 * version never sync it at the same time (which could create its Notion page twice).
 */
export class WebhookIntake {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly dedup: DeliveryDedup,
    private readonly handler: RegistryEventHandler,
    private readonly logger: Logger,
  ) {}

  /** Throws only when the dedup store fails (the endpoint then answers 503 and MLflow retries). */
  async receive(delivery: WebhookDelivery): Promise<IntakeResult> {
    const { deliveryId, event } = delivery;
    if (!(await this.dedup.firstTime(deliveryId))) {
      this.logger.info({ deliveryId, event: event.type, model: event.model }, 'duplicate MLflow webhook delivery ignored');
      return { status: 'duplicate', done: Promise.resolve(undefined) };
    }
    const model = event.model;
    const previous = this.queues.get(model) ?? Promise.resolve();
    const done = previous.then(() => this.run(delivery));
    this.queues.set(model, done);
    this.pending.add(done);
    void done.finally(() => {
      this.pending.delete(done);
      if (this.queues.get(model) === done) this.queues.delete(model);
    });
    return { status: 'accepted', done };
  }

  /** Resolves when every accepted delivery has been handled (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async run(delivery: WebhookDelivery): Promise<EventOutcome | undefined> {
    const { deliveryId, event } = delivery;
    try {
      const outcome = await this.handler.handle(event);
      this.logger.info(
        {
          deliveryId,
          event: event.type,
          model: event.model,
          synced: outcome.synced.map((s) => s.version),
          reconciled: outcome.reconciledModel !== undefined,
          notices: outcome.notices.length,
          skipped: outcome.skipped,
        },
        'MLflow webhook handled',
      );
      return outcome;
    } catch (e) {
      // The scheduled reconcile is the safety net for anything missed here.
      this.logger.error({ deliveryId, event: event.type, model: event.model, err: e }, 'MLflow webhook could not be handled');
      return undefined;
    }
  }
}
