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
import {
  capBlocks,
  channelMention,
  context,
  coreText,
  cut,
  joinMrkdwn,
  link,
  mention,
  message,
  mrkdwn,
  plain,
  section,
  SECTION_TEXT_MAX_CHARS,
  slackDate,
  type Mrkdwn,
  type SlackMessage,
} from './block-kit';
import { refusalMessage } from './answer.blocks';
import { approvalWhy } from './approval-reasons.blocks';
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
    case 'refused':
      return refusalMessage(result);
    default:
      return assertNever(result, 'command result');
  }
}

/** The help: every sub-command's usage (escaped, so `<name>` shows as typed) and what it does. */
export function helpMessage(intro?: Mrkdwn): SlackMessage {
  const lines = SUBCOMMANDS.map((s) => mrkdwn`\`${USAGE[s]}\`\n      ${SUMMARY[s]}`);
  const blocks: KnownBlock[] = [];
  if (intro) blocks.push(section(intro));
  blocks.push(section(mrkdwn`*Model registry commands*\n${joinMrkdwn(lines, '\n')}`));
  blocks.push(
    context(
      mrkdwn`Stages: staging, production, archived, none (any case). Aliases: letters, digits, _ and -. Promotions to protected stages and aliases wait for an approver; promotion gates may block them.`,
    ),
  );
  return message(intro ?? mrkdwn`modelsync: /model commands`, blocks);
}

export function parseErrorMessage(e: ParseError): SlackMessage {
  // Errors quote what was typed, which may be 50k characters: keep the answer within Slack's message limits.
  const error = cut(e.error, SECTION_TEXT_MAX_CHARS - 200);
  const text = e.usage ? mrkdwn`${error}\nUsage: \`${e.usage}\`` : mrkdwn`${error}`;
  return e.showHelp ? helpMessage(text) : plain(text);
}

function syncProblems(problems: readonly string[]): KnownBlock[] {
  return problems.length > 0 ? [context(mrkdwn`:warning: Sync incomplete, the next sync retries: ${cut(problems.join('; '), 1500)}`)] : [];
}

function registerMessage(r: RegisterResult): SlackMessage {
  const v = r.version;
  const created = r.createdModel ? ' (new registered model, tagged managed)' : '';
  return message(mrkdwn`Registered ${v.name} version ${v.version}`, [
    section(mrkdwn`:package: Registered *${v.name}* version *${v.version}*${created}.`),
    context(threeLinks(r.links)),
    ...syncProblems(r.syncProblems),
  ]);
}

function promoteMessage(o: PromoteOutcome): SlackMessage {
  switch (o.kind) {
    case 'approved': {
      const r = o.result;
      const replaced =
        r.replaced.length > 0
          ? mrkdwn` Archived: ${joinMrkdwn(
              r.replaced.map((x) => mrkdwn`v${x.version}`),
              ', ',
            )}.`
          : mrkdwn``;
      const stage = r.stageChanged ? mrkdwn` ${r.from} → *${r.version.stage}*.` : mrkdwn``;
      const a = r.aliasMove;
      const was = a?.previousVersion === undefined ? mrkdwn`` : mrkdwn` (was v${a.previousVersion})`;
      const alias = a ? mrkdwn` \`@${a.alias}\` → v${a.version.version}${was}; \`${a.modelUri}\` now serves it.` : mrkdwn``;
      return message(mrkdwn`${r.version.name} v${r.version.version} is now in ${r.version.stage}`, [
        section(mrkdwn`:white_check_mark: *${r.version.name}* v${r.version.version}:${stage}${replaced}${alias}`),
        context(threeLinks(r.links)),
        ...syncProblems(r.syncProblems),
      ]);
    }
    case 'pending': {
      const req = o.request;
      const where = req.message ? mrkdwn` in ${channelMention(req.message.channel)}` : mrkdwn``;
      const lead = o.existing ? 'An approval request is already open' : 'Approval requested';
      const parts = [req.toStage !== req.fromStage ? req.toStage : undefined, req.alias === undefined ? undefined : `@${req.alias}`];
      const target = parts.filter((p) => p !== undefined).join(' + ');
      const why = req.why === undefined ? mrkdwn`` : mrkdwn`: ${approvalWhy(req.why)}`;
      const gates =
        req.gates && !req.gates.passed ? mrkdwn` Its promotion gates fail (${gateHeadline(req.gates)}); only an approver can override them.` : mrkdwn``;
      return plain(
        mrkdwn`:hourglass_flowing_sand: ${lead}${where} for *${req.model}* v${req.version} → *${target}*${why}. Nothing changes in MLflow until an approver approves. It expires ${slackDate(req.expiresAt)}.${gates}`,
      );
    }
    case 'blocked':
      return message(mrkdwn`${o.model} v${o.version} → ${o.target} blocked by its promotion gates`, [
        section(
          mrkdwn`:no_entry: *${o.model}* v${o.version} → *${o.target}* is blocked by its promotion gates (${gateHeadline(o.report)}):\n${gateLines(o.report)}`,
        ),
        context(mrkdwn`Fix the run metrics or version tags and ask again; PROMOTION_GATES sets the rules.`),
      ]);
    case 'refused':
      return refusalMessage(o);
    default:
      return assertNever(o, 'promote outcome');
  }
}

function unaliasMessage(o: UnaliasOutcome): SlackMessage {
  if (o.kind === 'refused') return refusalMessage(o);
  const r = o.result;
  return message(mrkdwn`${r.version.name}: alias @${r.alias} removed`, [
    section(mrkdwn`:wastebasket: *${r.version.name}*: alias \`@${r.alias}\` removed from v${r.version.version}; \`${r.modelUri}\` no longer resolves.`),
    context(threeLinks(r.links)),
    ...syncProblems(r.syncProblems),
  ]);
}

function statusMessage(r: StatusResult): SlackMessage {
  if (!r.found) return refusalMessage(r);
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
  const reason = e.reason ? mrkdwn` (${cut(e.reason, 200)})` : mrkdwn``;
  return mrkdwn`• ${slackDate(e.at)} v${e.version} *${e.event}*${move}${alias} by ${who}${reason}`;
}

function listMessage(models: readonly ModelSummary[]): SlackMessage {
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

function syncMessage(run: ReconcileRun): SlackMessage {
  if (run.kind === 'busy') return plain(mrkdwn`:hourglass: ${coreText(run.reason)}`);
  return syncReportMessage(run.report, 'full', 'Sync');
}
