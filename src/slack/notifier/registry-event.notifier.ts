import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/ports/logger.port';
import type { RegistryEventNotice, RegistryEventNotifier } from '../../core/ports/registry-event-notifier.port';
import { registryEventMessage } from '../blocks/registry-event.blocks';
import { slackCall } from './slack-call.errors';

/** Posts MLflow webhook notices (new versions, alias changes) to the notification channel (SLACK_NOTIFY_CHANNEL). */
export class SlackRegistryEventNotifier implements RegistryEventNotifier {
  constructor(
    private readonly client: WebClient,
    private readonly channel: string | undefined,
    private readonly logger: Logger,
  ) {}

  async postRegistryEvent(notice: RegistryEventNotice): Promise<void> {
    const channel = this.channel;
    if (!channel) {
      this.logger.debug({ model: notice.model, kind: notice.kind }, 'SLACK_NOTIFY_CHANNEL unset: registry event not posted');
      return;
    }
    await slackCall('chat.postMessage', 'check SLACK_NOTIFY_CHANNEL and that the bot is in that channel', () =>
      this.client.chat.postMessage({ channel, ...registryEventMessage(notice), unfurl_links: false, unfurl_media: false }),
    );
  }
}
