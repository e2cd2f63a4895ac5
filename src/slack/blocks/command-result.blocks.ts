import type { KnownBlock } from '@slack/web-api';
import type { AuditEntry } from '../../core/approvals/audit-log';
import type { UnaliasOutcome } from '../../core/commands/alias.command';
import type { ModelSummary } from '../../core/commands/list.query';
import type { CommandResult } from '../../core/commands/model-commands';
import type { PromoteOutcome } from '../../core/commands/promote.command';
import type { RegisterResult } from '../../core/commands/register.command';
import type { StatusResult } from '../../core/commands/status.query';
import type { ReconcileRun } from '../../core/notifications/reconcile-runner';
import { assertNever } from '../../core/errors';
import type { ParseError } from '../commands/parse-model-command';
import { SUBCOMMANDS, SUMMARY, USAGE } from '../commands/usage';
import { capBlocks, context, cut, esc, link, mention, plain, section, SECTION_TEXT_MAX_CHARS, slackDate, type SlackMessage } from './block-kit';
import { gateHeadline, gateLines } from './gate-report.blocks';
import { threeLinks } from './links.blocks';
import { syncReportMessage } from './sync-report.blocks';

/** Models listed by `/model list` before the rest becomes a count (two blocks each stay under the 50-block limit). */
const LIST_MAX_MODELS = 20;

/** The reply to a `/model` command. */
export function commandResultMessage(result: CommandResult): SlackMessage {
  switch (result.kind) {
    case 'register':
      return registerMessage(result.result);
    case 'promote':
      return promoteMessage(result.outcome);
    case 'unalias':
      return unaliasMessage(result.outcome);
    case 'status':
      return statusMessage(result.result);
    case 'list':
      return listMessage(result.models);
    case 'sync':
      return syncMessage(result.run);
    case 'help':
      return helpMessage();
    default:
      return assertNever(result, 'command result');
  }
}

export function helpMessage(intro?: string): SlackMessage {
  const lines = SUBCOMMANDS.map((s) => `\`${USAGE[s]}\`\n      ${SUMMARY[s]}`);
  const blocks: KnownBlock[] = [];
  if (intro) blocks.push(section(intro));
  blocks.push(section(`*Model registry commands*\n${lines.join('\n')}`));
  blocks.push(
    context(
      'Stages: staging, production, archived, none (any case). Aliases: letters, digits, _ and -. Promotions to protected stages and aliases wait for an approver; promotion gates may block them.',
    ),
  );
  return { text: intro ?? 'modelsync: /model commands', blocks };
}

export function parseErrorMessage(e: ParseError): SlackMessage {
  // Errors quote what was typed, which may be 50k characters: keep the answer within Slack's message limits.
  const text = cut(e.usage ? `${e.error}\nUsage: \`${e.usage}\`` : e.error, SECTION_TEXT_MAX_CHARS);
  return e.showHelp ? helpMessage(text) : plain(text);
}

function registerMessage(r: RegisterResult): SlackMessage {
  const v = r.version;
  const created = r.createdModel ? ' (new registered model, tagged managed)' : '';
  const blocks = [section(`:package: Registered *${esc(v.name)}* version *${esc(v.version)}*${created}.`), context(threeLinks(r.links))];
  if (r.syncProblems.length > 0) blocks.push(context(`:warning: Sync incomplete, the next sync retries: ${esc(cut(r.syncProblems.join('; '), 1500))}`));
  return { text: `Registered ${v.name} version ${v.version}`, blocks };
}

function promoteMessage(o: PromoteOutcome): SlackMessage {
  switch (o.kind) {
    case 'approved': {
      const r = o.result;
      const replaced = r.replaced.length > 0 ? ` Archived: ${r.replaced.map((x) => `v${esc(x.version)}`).join(', ')}.` : '';
      const stage = r.stageChanged ? ` ${r.from} → *${r.version.stage}*.` : '';
      const a = r.aliasMove;
      const alias = a
        ? ` \`@${esc(a.alias)}\` → v${esc(a.version.version)}${a.previousVersion === undefined ? '' : ` (was v${esc(a.previousVersion)})`}; \`${esc(a.modelUri)}\` now serves it.`
        : '';
      const blocks = [
        section(`:white_check_mark: *${esc(r.version.name)}* v${esc(r.version.version)}:${stage}${replaced}${alias}`),
        context(threeLinks(r.links)),
      ];
      if (r.syncProblems.length > 0) blocks.push(context(`:warning: Sync incomplete, the next sync retries: ${esc(cut(r.syncProblems.join('; '), 1500))}`));
      return { text: `${r.version.name} v${r.version.version} is now in ${r.version.stage}`, blocks };
    }
    case 'pending': {
      const req = o.request;
      const where = req.message ? ` in <#${req.message.channel}>` : '';
      const lead = o.existing ? 'An approval request is already open' : 'Approval requested';
      const target = [req.toStage !== req.fromStage ? req.toStage : undefined, req.alias === undefined ? undefined : `@${esc(req.alias)}`]
        .filter(Boolean)
        .join(' + ');
      const gates = req.gates && !req.gates.passed ? ` Its promotion gates fail (${gateHeadline(req.gates)}); only an approver can override them.` : '';
      return plain(
        `:hourglass_flowing_sand: ${lead}${where} for *${esc(req.model)}* v${esc(req.version)} → *${target}*. It expires ${slackDate(req.expiresAt)}.${gates}`,
      );
    }
    case 'blocked':
      return {
        text: `${o.model} v${o.version} → ${o.target} blocked by its promotion gates`,
        blocks: [
          section(
            `:no_entry: *${esc(o.model)}* v${esc(o.version)} → *${esc(o.target)}* is blocked by its promotion gates (${gateHeadline(o.report)}):\n${gateLines(o.report)}`,
          ),
          context('Fix the run metrics or version tags and ask again; PROMOTION_GATES sets the rules.'),
        ],
      };
    case 'refused':
      return plain(`:no_entry: ${o.reason}`);
    default:
      return assertNever(o, 'promote outcome');
  }
}

function unaliasMessage(o: UnaliasOutcome): SlackMessage {
  if (o.kind === 'refused') return plain(`:no_entry: ${o.reason}`);
  const r = o.result;
  const blocks = [
    section(
      `:wastebasket: *${esc(r.version.name)}*: alias \`@${esc(r.alias)}\` removed from v${esc(r.version.version)}; \`${esc(r.modelUri)}\` no longer resolves.`,
    ),
    context(threeLinks(r.links)),
  ];
  if (r.syncProblems.length > 0) blocks.push(context(`:warning: Sync incomplete, the next sync retries: ${esc(cut(r.syncProblems.join('; '), 1500))}`));
  return { text: `${r.version.name}: alias @${r.alias} removed`, blocks };
}

function statusMessage(r: StatusResult): SlackMessage {
  if (!r.found) return plain(`:no_entry: ${r.reason}`);
  const blocks: KnownBlock[] = [section(`*${link(r.modelUrl, r.model)}*: ${r.total} version${r.total === 1 ? '' : 's'}, latest first`)];
  if (r.aliases.length > 0) {
    blocks.push(section(`*Aliases*\n${r.aliases.map((a) => `\`@${esc(a.alias)}\` → v${esc(a.version)} · \`${esc(a.modelUri)}\``).join('\n')}`));
  }
  for (const { version: v, links } of r.versions) {
    const aliases = v.aliases?.length ? ` · aliases: ${v.aliases.map((a) => `\`${esc(a)}\``).join(', ')}` : '';
    blocks.push(section(`*v${esc(v.version)}* · ${v.stage}${aliases} · created ${slackDate(v.createdAt)}\n${threeLinks(links)}`));
  }
  if (r.total > r.versions.length) blocks.push(context(`…and ${r.total - r.versions.length} older versions (see MLflow).`));
  if (r.decisions.length > 0) blocks.push(section(`*Last decisions*\n${r.decisions.map(decisionLine).join('\n')}`));
  return { text: `${r.model}: ${r.total} ${r.total === 1 ? 'version' : 'versions'}`, blocks: capBlocks(blocks) };
}

function decisionLine(e: AuditEntry): string {
  const who = e.by === 'external' || e.by === 'modelsync' || e.by === 'expiry' ? e.by : mention(e.by);
  const stages = (e.from && e.to && e.from !== e.to ? ` ${e.from} → ${e.to}` : '') + (e.alias ? ` @${esc(e.alias)}` : '');
  const reason = e.reason ? ` (${esc(cut(e.reason, 200))})` : '';
  return `• ${slackDate(e.at)} v${esc(e.version)} *${e.event}*${stages} by ${who}${reason}`;
}

function listMessage(models: readonly ModelSummary[]): SlackMessage {
  if (models.length === 0) return plain('No managed models yet. `/model register <name> <source-uri>` adds one.');
  const blocks: KnownBlock[] = [section(`*Managed models* (${models.length})`)];
  for (const m of models.slice(0, LIST_MAX_MODELS)) {
    const prod = m.production.length > 0 ? m.production.map((v) => `v${esc(v)}`).join(', ') : '—';
    const staging = m.staging.length > 0 ? m.staging.map((v) => `v${esc(v)}`).join(', ') : '—';
    blocks.push(
      section(
        `*${link(m.url, m.name)}* · Production: ${prod} · Staging: ${staging} · ${m.versionCount} version${m.versionCount === 1 ? '' : 's'} (latest v${esc(m.latest ?? '—')})`,
      ),
    );
  }
  if (models.length > LIST_MAX_MODELS) blocks.push(context(`…and ${models.length - LIST_MAX_MODELS} more models.`));
  return { text: `${models.length} managed models`, blocks: capBlocks(blocks) };
}

function syncMessage(run: ReconcileRun): SlackMessage {
  if (run.kind === 'busy') return plain(`:hourglass: ${run.reason}`);
  return syncReportMessage(run.report, 'full', 'Sync');
}
