import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/ports/logger.port';
import type { RegistryEventNotice, RegistryEventNotifier } from '../../core/ports/registry-event-notifier.port';
import { registryEventMessage } from '../blocks/registry-event.blocks';
import { ChannelFanOut, type NoticeAudience } from './channel-fan-out';

/**
 * Posts MLflow webhook notices (new versions, alias changes) to the notification channel (SLACK_NOTIFY_CHANNEL) and
 * to the channels subscribed to them (`versions`, `aliases`).
 */
export class SlackRegistryEventNotifier implements RegistryEventNotifier {
  private readonly fanOut: ChannelFanOut;

  constructor(
    client: WebClient,
    private readonly channel: string | undefined,
    logger: Logger,
    /** The channels' subscriptions; without it only SLACK_NOTIFY_CHANNEL is told. */
    audience?: NoticeAudience,
  ) {
    this.fanOut = new ChannelFanOut(client, audience, logger);
  }

  async postRegistryEvent(notice: RegistryEventNotice): Promise<void> {
    await this.fanOut.post({
      kind: notice.kind === 'version_created' ? 'versions' : 'aliases',
      models: [notice.model],
      defaultChannel: this.channel,
      defaultHint: 'check SLACK_NOTIFY_CHANNEL and that the bot is in that channel',
      message: registryEventMessage(notice),
    });
  }
}
