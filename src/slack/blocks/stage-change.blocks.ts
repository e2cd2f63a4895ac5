import type { StageChangeNotice } from '../../core/notifications/stage-change';
import { assertNever } from '../../core/errors';
import { context, joinMrkdwn, mention, message, mrkdwn, section, slackDate, type Mrkdwn, type SlackMessage } from './block-kit';
import type { KnownBlock } from '@slack/web-api';
import { threeLinks } from './links.blocks';

/**
 * The stage-change notification: model, version, old → new, who (and who approved), the three links, and the
 * versions it archived, all in one post. The text fallback (what a notification shows) names the approver too.
 */
export function stageChangeMessage(n: StageChangeNotice): SlackMessage {
  return message(fallback(n), noticeBlocks(n));
}

/** The blocks of one notice (also used, one after another, by the drift post). */
export function noticeBlocks(n: StageChangeNotice): KnownBlock[] {
  const what = mrkdwn`*${n.model}* v${n.version}: ${n.from} → *${n.to}*`;
  const replaced = n.replaced ?? [];
  return [
    section(mrkdwn`:arrows_counterclockwise: ${what}${aliasLine(n)}\n${who(n)} · ${slackDate(n.at)}`),
    context(threeLinks(n.links)),
    ...replaced.flatMap((r) => [
      section(mrkdwn`:file_cabinet: *${n.model}* v${r.version}: ${r.from} → *Archived*, replaced by v${n.version}`),
      context(threeLinks(r.links)),
    ]),
  ];
}

function fallback(n: StageChangeNotice): Mrkdwn {
  const replaced = n.replaced ?? [];
  const archived =
    replaced.length === 0
      ? mrkdwn``
      : mrkdwn`; archived ${joinMrkdwn(
          replaced.map((r) => mrkdwn`v${r.version}`),
          ', ',
        )}`;
  const alias = n.alias === undefined ? mrkdwn`` : mrkdwn` and @${n.alias.alias}${wasHeldBy(n)}`;
  return mrkdwn`${n.model} v${n.version}: ${n.from} → ${n.to}${alias} (${whoPlain(n)})${archived}`;
}

/** The alias the same promotion moved: `@champion` → v5 (was v3), and the models:/ URI that now serves it. */
function aliasLine(n: StageChangeNotice): Mrkdwn {
  if (n.alias === undefined) return mrkdwn``;
  return mrkdwn`\n:label: \`@${n.alias.alias}\` → *v${n.version}*${wasHeldBy(n)} · \`${n.alias.modelUri}\` now serves v${n.version}`;
}

function wasHeldBy(n: StageChangeNotice): Mrkdwn {
  const previous = n.alias?.previousVersion;
  return previous === undefined ? mrkdwn`` : mrkdwn` (was v${previous})`;
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
  if (n.actor.kind !== 'user') return mrkdwn`changed outside modelsync`;
  return n.actor.approvedBy ? mrkdwn`by ${mention(n.actor.userId)}, approved by ${mention(n.actor.approvedBy)}` : mrkdwn`by ${mention(n.actor.userId)}`;
}
