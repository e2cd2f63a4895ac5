import type { AliasChangeNotice } from '../../core/notifications/alias-change';
import { context, esc, mention, section, slackDate, type SlackMessage } from './block-kit';
import { threeLinks } from './links.blocks';

/** An alias the app moved: `@alias` → version, the models:/ URI deployments load, who, and the three links. */
export function aliasChangeMessage(n: AliasChangeNotice): SlackMessage {
  const actor = mention(n.actor.userId);
  const who = n.actor.approvedBy ? `Requested by ${actor}, approved by ${mention(n.actor.approvedBy)}` : `By ${actor}`;
  const uri = `\`${esc(n.modelUri)}\``;
  if (n.kind === 'removed') {
    return {
      text: `${n.model}: alias @${n.alias} removed from v${n.version} (${n.modelUri} no longer resolves)`,
      blocks: [
        section(
          `:wastebasket: *${esc(n.model)}*: alias \`@${esc(n.alias)}\` removed from v${esc(n.version)}; ${uri} no longer resolves\n${who} · ${slackDate(n.at)}`,
        ),
        context(threeLinks(n.links)),
      ],
    };
  }
  const moved = n.previousVersion === undefined ? '' : ` (was v${esc(n.previousVersion)})`;
  return {
    text: `${n.model}: ${n.modelUri} now serves v${n.version}`,
    blocks: [
      section(
        `:label: *${esc(n.model)}*: \`@${esc(n.alias)}\` → *v${esc(n.version)}*${moved}\n${uri} now serves v${esc(n.version)} · ${who} · ${slackDate(n.at)}`,
      ),
      context(threeLinks(n.links)),
    ],
  };
}
