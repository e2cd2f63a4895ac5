import type { StageChangeNotice } from '../../core/notifications/stage-change';
import { assertNever } from '../../core/errors';
import { context, mention, message, mrkdwn, section, slackDate, type Mrkdwn, type SlackMessage } from './block-kit';
import { threeLinks } from './links.blocks';

/** The stage-change notification: model, version, old → new, who, and the three links. */
export function stageChangeMessage(n: StageChangeNotice): SlackMessage {
  const what = mrkdwn`*${n.model}* v${n.version}: ${n.from} → *${n.to}*`;
  return message(mrkdwn`${n.model} v${n.version}: ${n.from} → ${n.to} (${whoPlain(n)})`, [
    section(mrkdwn`:arrows_counterclockwise: ${what}\n${who(n)} · ${slackDate(n.at)}`),
    context(threeLinks(n.links)),
  ]);
}

function who(n: StageChangeNotice): Mrkdwn {
  const actor = n.actor.kind === 'user' ? mention(n.actor.userId) : mrkdwn`someone outside modelsync`;
  const approvedBy = n.actor.kind === 'user' && n.actor.approvedBy ? mrkdwn`, approved by ${mention(n.actor.approvedBy)}` : mrkdwn``;
  switch (n.cause) {
    case 'promoted':
      return mrkdwn`Promoted by ${actor}`;
    case 'approved':
      return mrkdwn`Requested by ${actor}${approvedBy}`;
    case 'archived':
      return mrkdwn`Archived by ${actor}`;
    case 'replaced':
      return mrkdwn`Archived because another version took its stage (by ${actor}${approvedBy})`;
    case 'external':
      return mrkdwn`Changed outside modelsync (MLflow UI or API); found by the scheduled sync`;
    default:
      return assertNever(n.cause, 'stage change cause');
  }
}

function whoPlain(n: StageChangeNotice): Mrkdwn {
  return n.actor.kind === 'user' ? mrkdwn`by ${mention(n.actor.userId)}` : mrkdwn`changed outside modelsync`;
}
