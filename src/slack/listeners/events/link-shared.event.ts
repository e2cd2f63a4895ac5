import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { LinkUnfurls } from '@slack/web-api';
import { isBusy } from '../../../core/errors';
import { linkPreviewMessage } from '../../blocks/link-preview.blocks';
import type { ListenerDeps } from '../listener-deps';

/**
 * `link_shared` (a message or the composer holds a link on MLFLOW_UI_URL's domain) → chat.unfurl with a preview of
 * each MLflow model or version page. Bolt acknowledges the event at once; the previews are read-only work after the
 * ack, through the cached registry, and shed first under overload (the link then stays a plain link). A link that
 * is not a model or version page of this MLflow, or names nothing that exists, is left alone.
 */
export function linkSharedCallback(deps: ListenerDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'link_shared'> & AllMiddlewareArgs): Promise<void> => {
    const previews = deps.linkPreviews;
    if (!previews) return;
    try {
      const found = await deps.work.run('read', () => previews.execute(event.links.map((l) => l.url)));
      if (found.length === 0) return;
      const unfurls: LinkUnfurls = Object.fromEntries(found.map((p) => [p.url, { blocks: linkPreviewMessage(p).blocks }]));
      // A link still in the composer has no message yet: Slack names it by unfurl_id and source instead.
      const target =
        event.source === 'composer' && event.unfurl_id
          ? { unfurl_id: event.unfurl_id, source: 'composer' as const }
          : { channel: event.channel, ts: event.message_ts };
      await client.chat.unfurl({ ...target, unfurls });
    } catch (e) {
      if (isBusy(e)) {
        deps.logger.debug({ channel: event.channel }, 'link preview shed: busy');
        return;
      }
      deps.logger.warn({ err: e, channel: event.channel }, 'shared MLflow link not unfurled');
    }
  };
}
