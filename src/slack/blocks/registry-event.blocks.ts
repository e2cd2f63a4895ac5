import { assertNever } from '../../core/errors';
import { aliasModelUri } from '../../core/notifications/alias-change';
import type { RegistryEventNotice } from '../../core/webhooks/registry-event-notifier.port';
import { context, esc, section, slackDate, type SlackMessage } from './block-kit';
import { threeLinks } from './links.blocks';

/** A registry change reported by MLflow's webhook: a new version, or an alias set, moved or removed. */
export function registryEventMessage(n: RegistryEventNotice): SlackMessage {
  const when = slackDate(n.at);
  const model = `*${esc(n.model)}*`;
  switch (n.kind) {
    case 'version_created':
      return {
        text: `New version ${n.version} of ${n.model} registered in MLflow`,
        blocks: [section(`:new: ${model} v${esc(n.version)} registered in MLflow · ${when}`), context(threeLinks(n.links))],
      };
    case 'alias_set': {
      const moved = n.previousVersion !== undefined ? ` (was v${esc(n.previousVersion)})` : '';
      return {
        text: `${n.model}: alias @${n.alias} now points to v${n.version}`,
        blocks: [
          section(
            `:label: ${model}: alias \`@${esc(n.alias)}\` → *v${esc(n.version)}*${moved} · ${when}\n\`${esc(aliasModelUri(n.model, n.alias))}\` now serves v${esc(n.version)}`,
          ),
          context(threeLinks(n.links)),
        ],
      };
    }
    case 'alias_removed': {
      const from = n.version !== undefined ? ` from v${esc(n.version)}` : '';
      return {
        text: `${n.model}: alias @${n.alias} removed`,
        blocks: [
          section(
            `:wastebasket: ${model}: alias \`@${esc(n.alias)}\` removed${from} · ${when}\n\`${esc(aliasModelUri(n.model, n.alias))}\` no longer resolves`,
          ),
          ...(n.links ? [context(threeLinks(n.links))] : []),
        ],
      };
    }
    default:
      return assertNever(n, 'registry event notice');
  }
}
