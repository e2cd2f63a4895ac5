import { assertNever } from '../../core/errors';
import { aliasModelUri } from '../../core/notifications/alias-change';
import type { RegistryEventNotice } from '../../core/ports/registry-event-notifier.port';
import { context, message, mrkdwn, section, slackDate, type SlackMessage } from './block-kit';
import { threeLinks } from './links.blocks';

/** A registry change reported by MLflow's webhook: a new version, or an alias set, moved or removed. */
export function registryEventMessage(n: RegistryEventNotice): SlackMessage {
  const when = slackDate(n.at);
  const model = mrkdwn`*${n.model}*`;
  switch (n.kind) {
    case 'version_created':
      return message(mrkdwn`New version ${n.version} of ${n.model} registered in MLflow`, [
        section(mrkdwn`:new: ${model} v${n.version} registered in MLflow · ${when}`),
        context(threeLinks(n.links)),
      ]);
    case 'alias_set': {
      const moved = n.previousVersion !== undefined ? mrkdwn` (was v${n.previousVersion})` : mrkdwn``;
      return message(mrkdwn`${n.model}: alias @${n.alias} now points to v${n.version}`, [
        section(
          mrkdwn`:label: ${model}: alias \`@${n.alias}\` → *v${n.version}*${moved} · ${when}\n\`${aliasModelUri(n.model, n.alias)}\` now serves v${n.version}`,
        ),
        context(threeLinks(n.links)),
      ]);
    }
    case 'alias_removed': {
      const from = n.version !== undefined ? mrkdwn` from v${n.version}` : mrkdwn``;
      return message(mrkdwn`${n.model}: alias @${n.alias} removed`, [
        section(mrkdwn`:wastebasket: ${model}: alias \`@${n.alias}\` removed${from} · ${when}\n\`${aliasModelUri(n.model, n.alias)}\` no longer resolves`),
        ...(n.links ? [context(threeLinks(n.links))] : []),
      ]);
    }
    default:
      return assertNever(n, 'registry event notice');
  }
}
