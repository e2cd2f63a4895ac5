import type { StageChangeNotice } from '../../core/notifications/stage-change';
import { capBlocks, context, message, mrkdwn, section, type SlackMessage } from './block-kit';
import { noticeBlocks, stageChangeMessage } from './stage-change.blocks';

/** Notices shown in full in one drift post; the rest are counted (a message holds at most 50 blocks). */
const DRIFT_SHOWN_MAX = 20;

/** Every stage change one sync found made outside modelsync, as one post (one notice is posted as itself). */
export function driftMessage(notices: readonly StageChangeNotice[]): SlackMessage {
  const [only] = notices;
  if (notices.length === 1 && only) return stageChangeMessage(only);
  const shown = notices.slice(0, DRIFT_SHOWN_MAX);
  const more = notices.length - shown.length;
  const models = new Set(notices.map((n) => n.model)).size;
  const headline = mrkdwn`${notices.length} stage changes in ${models} model${models === 1 ? '' : 's'} were made outside modelsync (MLflow UI or API)`;
  return message(headline, [
    section(mrkdwn`:mag: *${headline}*; found by the scheduled sync, Notion and ZenML now follow them.`),
    ...capBlocks(
      shown.flatMap((n) => noticeBlocks(n)),
      more > 0 ? 47 : 49,
    ),
    ...(more > 0 ? [context(mrkdwn`…and ${more} more; \`/model status <name>\` shows each model.`)] : []),
  ]);
}
