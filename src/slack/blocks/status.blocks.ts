import type { KnownBlock } from '@slack/web-api';
import type { AuditEntry } from '../../core/approvals/audit-log';
import type { ModelSummary } from '../../core/commands/list.query';
import type { StatusResult } from '../../core/commands/status.query';
import {
  capBlocks,
  context,
  cut,
  cutMrkdwn,
  esc,
  joinMrkdwn,
  link,
  mention,
  message,
  mrkdwn,
  plain,
  section,
  slackDate,
  type Mrkdwn,
  type SlackMessage,
} from './block-kit';
import { changeClauses } from './approval-wording.blocks';
import { threeLinks } from './links.blocks';
import { refusalMessage } from './refusal.blocks';

/** Models listed before the rest becomes a count (two blocks each stay under the 50-block limit). */
const LIST_MAX_MODELS = 20;

/** One model's status: versions with stage, aliases and links, then the last decisions. */
export function statusMessage(r: StatusResult): SlackMessage {
  if (!r.found) return refusalMessage(r.refusal);
  const blocks: KnownBlock[] = [section(mrkdwn`*${link(r.modelUrl, r.model)}*: ${r.total} version${r.total === 1 ? '' : 's'}, latest first`)];
  if (r.aliases.length > 0) {
    const lines = r.aliases.map((a) => mrkdwn`\`@${a.alias}\` → v${a.version} · \`${a.modelUri}\``);
    blocks.push(section(mrkdwn`*Aliases*\n${joinMrkdwn(lines, '\n')}`));
  }
  for (const { version: v, links } of r.versions) {
    const names = joinMrkdwn(
      (v.aliases ?? []).map((a) => mrkdwn`\`${a}\``),
      ', ',
    );
    const aliases = (v.aliases ?? []).length > 0 ? mrkdwn` · aliases: ${names}` : mrkdwn``;
    blocks.push(section(mrkdwn`*v${v.version}* · ${v.stage}${aliases} · created ${slackDate(v.createdAt)}\n${threeLinks(links)}`));
  }
  if (r.total > r.versions.length) blocks.push(context(mrkdwn`…and ${r.total - r.versions.length} older versions (see MLflow).`));
  if (r.decisions.length > 0) blocks.push(section(mrkdwn`*Last decisions*\n${joinMrkdwn(r.decisions.map(decisionLine), '\n')}`));
  return message(mrkdwn`${r.model}: ${r.total} ${r.total === 1 ? 'version' : 'versions'}`, capBlocks(blocks));
}

function decisionLine(e: AuditEntry): Mrkdwn {
  const who = e.by === 'external' || e.by === 'modelsync' || e.by === 'expiry' ? mrkdwn`${e.by}` : mention(e.by);
  const move = e.from && e.to && e.from !== e.to ? mrkdwn` ${e.from} → ${e.to}` : mrkdwn``;
  const alias = e.alias ? mrkdwn` @${e.alias}` : mrkdwn``;
  const why = e.changes && e.changes.length > 0 ? cutMrkdwn(changeClauses(e.changes), 200) : e.reason ? esc(cut(e.reason, 200)) : undefined;
  const reason = why ? mrkdwn` (${why})` : mrkdwn``;
  return mrkdwn`• ${slackDate(e.at)} v${e.version} *${e.event}*${move}${alias} by ${who}${reason}`;
}

/** The managed models with their Production and Staging versions. */
export function listMessage(models: readonly ModelSummary[]): SlackMessage {
  if (models.length === 0) return plain(mrkdwn`No managed models yet. \`/model register <name> <source-uri>\` adds one.`);
  const blocks: KnownBlock[] = [section(mrkdwn`*Managed models* (${models.length})`)];
  const versions = (list: readonly string[]) =>
    list.length > 0
      ? joinMrkdwn(
          list.map((v) => mrkdwn`v${v}`),
          ', ',
        )
      : mrkdwn`—`;
  for (const m of models.slice(0, LIST_MAX_MODELS)) {
    const count = `${m.versionCount} version${m.versionCount === 1 ? '' : 's'}`;
    blocks.push(
      section(
        mrkdwn`*${link(m.url, m.name)}* · Production: ${versions(m.production)} · Staging: ${versions(m.staging)} · ${count} (latest v${m.latest ?? '—'})`,
      ),
    );
  }
  if (models.length > LIST_MAX_MODELS) blocks.push(context(mrkdwn`…and ${models.length - LIST_MAX_MODELS} more models.`));
  return message(mrkdwn`${models.length} managed models`, capBlocks(blocks));
}
