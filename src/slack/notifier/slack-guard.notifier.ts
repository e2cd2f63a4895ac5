import type { WebClient } from '@slack/web-api';
import type { GuardIncident } from '../../core/guard/guard-types';
import type { Logger } from '../../core/ports/logger.port';
import type { GuardNotifier } from '../../core/ports/guard-notifier.port';
import type { MessageRef } from '../../core/ports/message-ref';
import { guardIncidentMessage } from '../blocks/guard-alert.blocks';
import { slackCall } from './slack-call.errors';
import { slackMessageRef, type SlackMessageRef } from './slack-message-ref';

/** The guard's messages in SLACK_NOTIFY_CHANNEL: posted with chat.postMessage, updated in place with chat.update. */
export class SlackGuardNotifier implements GuardNotifier {
  constructor(
    private readonly client: WebClient,
    private readonly channel: string | undefined,
    private readonly logger: Logger,
  ) {}

  async postIncident(incident: GuardIncident): Promise<MessageRef | undefined> {
    const channel = this.channel;
    if (!channel) {
      this.logger.warn({ model: incident.change.model }, 'SLACK_NOTIFY_CHANNEL unset: guard message not posted');
      return undefined;
    }
    const res = await slackCall('chat.postMessage', 'check SLACK_NOTIFY_CHANNEL and that the bot is in that channel', () =>
      this.client.chat.postMessage({ channel, ...guardIncidentMessage(incident), unfurl_links: false, unfurl_media: false }),
    );
    const ref: SlackMessageRef = { channel: res.channel ?? channel, ts: res.ts as string };
    return ref;
  }

  async updateIncident(incident: GuardIncident): Promise<void> {
    const message = slackMessageRef(incident.message);
    if (!message) return;
    await slackCall('chat.update', 'the guard message could not be updated', () =>
      this.client.chat.update({ channel: message.channel, ts: message.ts, ...guardIncidentMessage(incident) }),
    );
  }
}
