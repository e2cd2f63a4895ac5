import type { KnownBlock } from '@slack/web-api';
import type { UnaliasOutcome } from '../../core/commands/alias.command';
import type { PromoteOutcome } from '../../core/commands/promote-outcome';
import type { RegisterOutcome } from '../../core/commands/register.command';
import type { ReconcileRun } from '../../core/notifications/reconcile-runner';
import { assertNever } from '../../core/errors';
import { slackMessageRef } from '../notifier/slack-message-ref';
import { channelMention, context, cut, joinMrkdwn, message, mrkdwn, plain, section, slackDate, type SlackMessage } from './block-kit';
import { approvalWhy } from './approval-reasons.blocks';
import { gateHeadline, gateLines } from './gate-report.blocks';
import { threeLinks } from './links.blocks';
import { refusalMessage } from './refusal.blocks';
import { syncReportMessage } from './sync-report.blocks';

function syncProblems(problems: readonly string[]): KnownBlock[] {
  return problems.length > 0 ? [context(mrkdwn`:warning: Sync incomplete, the next sync retries: ${cut(problems.join('; '), 1500)}`)] : [];
}

/** The reply to a registration: the new version, its three links, and what the sync-on-write could not do. */
export function registerMessage(r: RegisterOutcome): SlackMessage {
  if ('refused' in r) return refusalMessage(r.refused);
  const v = r.version;
  const created = r.createdModel ? ' (new registered model, tagged managed)' : '';
  return message(mrkdwn`Registered ${v.name} version ${v.version}`, [
    section(mrkdwn`:package: Registered *${v.name}* version *${v.version}*${created}.`),
    context(threeLinks(r.links)),
    ...syncProblems(r.syncProblems),
  ]);
}

/** The reply to a promotion, archive or alias move: done, waiting for an approver, blocked by gates, or refused. */
export function promoteMessage(o: PromoteOutcome): SlackMessage {
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
      const posted = slackMessageRef(req.message);
      const where = posted ? mrkdwn` in ${channelMention(posted.channel)}` : mrkdwn``;
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
      return refusalMessage(o.refusal);
    default:
      return assertNever(o, 'promote outcome');
  }
}

/** The reply to an alias removal. */
export function unaliasMessage(o: UnaliasOutcome): SlackMessage {
  if (o.kind === 'refused') return refusalMessage(o.refusal);
  const r = o.result;
  return message(mrkdwn`${r.version.name}: alias @${r.alias} removed`, [
    section(mrkdwn`:wastebasket: *${r.version.name}*: alias \`@${r.alias}\` removed from v${r.version.version}; \`${r.modelUri}\` no longer resolves.`),
    context(threeLinks(r.links)),
    ...syncProblems(r.syncProblems),
  ]);
}

/** The reply to a sync asked for: its report, or why it did not run. */
export function syncMessage(run: ReconcileRun): SlackMessage {
  if (run.kind === 'busy') {
    return plain(
      run.cause === 'running'
        ? mrkdwn`:hourglass: A sync is already running; its report will be posted when it finishes.`
        : mrkdwn`:hourglass: Another instance took this scheduled sync.`,
    );
  }
  return syncReportMessage(run.report, 'full', 'Sync');
}
