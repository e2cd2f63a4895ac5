import type { StageChangeNotice } from '../../core/notifications/stage-change';
import { assertNever } from '../../core/errors';
import { context, esc, mention, section, slackDate, type SlackMessage } from './block-kit';
import { threeLinks } from './links.blocks';

/** The stage-change notification: model, version, old → new, who, and the three links. */
export function stageChangeMessage(n: StageChangeNotice): SlackMessage {
  const what = `*${esc(n.model)}* v${esc(n.version)}: ${n.from} → *${n.to}*`;
  return {
    text: `${n.model} v${n.version}: ${n.from} → ${n.to} (${whoPlain(n)})`,
    blocks: [section(`:arrows_counterclockwise: ${what}\n${who(n)} · ${slackDate(n.at)}`), context(threeLinks(n.links))],
  };
}

function who(n: StageChangeNotice): string {
  const actor = n.actor.kind === 'user' ? mention(n.actor.userId) : 'someone outside modelsync';
  const approvedBy = n.actor.kind === 'user' && n.actor.approvedBy ? `, approved by ${mention(n.actor.approvedBy)}` : '';
  switch (n.cause) {
    case 'promoted':
      return `Promoted by ${actor}`;
    case 'approved':
      return `Requested by ${actor}${approvedBy}`;
    case 'archived':
      return `Archived by ${actor}`;
    case 'replaced':
      return `Archived because another version took its stage (by ${actor}${approvedBy})`;
    case 'external':
      return 'Changed outside modelsync (MLflow UI or API); found by the scheduled sync';
    default:
      return assertNever(n.cause, 'stage change cause');
  }
}

function whoPlain(n: StageChangeNotice): string {
  return n.actor.kind === 'user' ? `by ${mention(n.actor.userId)}` : 'changed outside modelsync';
}
