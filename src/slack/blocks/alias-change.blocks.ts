import type { AliasChangeNotice } from '../../core/notifications/alias-change';
import { context, mention, message, mrkdwn, section, slackDate, type SlackMessage } from './block-kit';
import { threeLinks } from './links.blocks';

/** An alias the app moved: `@alias` → version, the models:/ URI deployments load, who, and the three links. */
export function aliasChangeMessage(n: AliasChangeNotice): SlackMessage {
  const actor = mention(n.actor.userId);
  const who = n.actor.approvedBy ? mrkdwn`Requested by ${actor}, approved by ${mention(n.actor.approvedBy)}` : mrkdwn`By ${actor}`;
  const uri = mrkdwn`\`${n.modelUri}\``;
  if (n.kind === 'removed') {
    return message(mrkdwn`${n.model}: alias @${n.alias} removed from v${n.version} (${n.modelUri} no longer resolves)`, [
      section(mrkdwn`:wastebasket: *${n.model}*: alias \`@${n.alias}\` removed from v${n.version}; ${uri} no longer resolves\n${who} · ${slackDate(n.at)}`),
      context(threeLinks(n.links)),
    ]);
  }
  const moved = n.previousVersion === undefined ? mrkdwn`` : mrkdwn` (was v${n.previousVersion})`;
  return message(mrkdwn`${n.model}: ${n.modelUri} now serves v${n.version}`, [
    section(mrkdwn`:label: *${n.model}*: \`@${n.alias}\` → *v${n.version}*${moved}\n${uri} now serves v${n.version} · ${who} · ${slackDate(n.at)}`),
    context(threeLinks(n.links)),
  ]);
}
