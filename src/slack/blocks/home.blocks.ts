import type { KnownBlock, View } from '@slack/web-api';
import type { ApprovalRequest } from '../../core/approvals/approval';
import type { HomeOverview, ModelHolders } from '../../core/home/home.query';
import type { LastSync } from '../../core/sync/last-sync';
import type { DependencyHealth, HealthReport } from '../http/health.route';
import { slackMessageRef } from '../notifier/slack-message-ref';
import { approvalButtons } from './approval-request.blocks';
import {
  capBlocks,
  channelMention,
  context,
  divider,
  header,
  joinMrkdwn,
  link,
  mention,
  mrkdwn,
  section,
  slackDate,
  type Mrkdwn,
  type SlackMessage,
} from './block-kit';

/** A Home tab holds up to 100 blocks. */
const HOME_MAX_BLOCKS = 100;

/** One request on one line: model, version, the move, who asked, when it expires. */
function requestLine(req: ApprovalRequest): Mrkdwn {
  const stage = req.toStage !== req.fromStage ? mrkdwn`${req.fromStage} → *${req.toStage}*` : mrkdwn``;
  const alias = req.alias === undefined ? mrkdwn`` : mrkdwn`${req.toStage !== req.fromStage ? ' + ' : ''}\`@${req.alias}\``;
  return mrkdwn`${link(req.links.mlflow, req.model)} v${req.version}: ${stage}${alias}`;
}

function waitingBlocks(o: HomeOverview): KnownBlock[] {
  if (o.waitingCount === 0) return [header('Waiting for you'), context(mrkdwn`Nothing waits for your approval.`)];
  return [
    header(`Waiting for you (${o.waitingCount})`),
    ...o.waitingForYou.flatMap((r) => [
      section(mrkdwn`${requestLine(r)}\nRequested by ${mention(r.requester)} · expires ${slackDate(r.expiresAt)}`),
      approvalButtons(r, `home_decide_${r.id}`),
    ]),
    ...more(o.waitingCount, o.waitingForYou.length),
  ];
}

function mineBlocks(o: HomeOverview): KnownBlock[] {
  if (o.yourCount === 0) return [header('Your open requests'), context(mrkdwn`You have no request waiting for an approver.`)];
  return [
    header(`Your open requests (${o.yourCount})`),
    ...o.yourRequests.map((r) => {
      const where = slackMessageRef(r.message);
      const posted = where ? mrkdwn` · in ${channelMention(where.channel)}` : mrkdwn``;
      return section(mrkdwn`${requestLine(r)}\nWaiting for an approver${posted} · expires ${slackDate(r.expiresAt)}`);
    }),
    ...more(o.yourCount, o.yourRequests.length),
  ];
}

function more(total: number, shown: number): KnownBlock[] {
  return total > shown ? [context(mrkdwn`…and ${total - shown} more.`)] : [];
}

function versions(list: readonly string[]): Mrkdwn {
  return list.length === 0
    ? mrkdwn`_none_`
    : joinMrkdwn(
        list.map((v) => mrkdwn`v${v}`),
        ', ',
      );
}

function modelLine(m: ModelHolders): Mrkdwn {
  const aliases =
    m.aliases.length === 0
      ? mrkdwn``
      : mrkdwn` · ${joinMrkdwn(
          m.aliases.map((a) => mrkdwn`\`@${a.alias}\` → v${a.version}`),
          ', ',
        )}`;
  return mrkdwn`*${link(m.url, m.name)}* · Production: ${versions(m.production)} · Staging: ${versions(m.staging)}${aliases}`;
}

function modelBlocks(o: HomeOverview): KnownBlock[] {
  const part = o.models;
  if (!part.ok) return [header('Managed models'), section(mrkdwn`:warning: The models could not be read from MLflow: ${part.reason}`)];
  if (part.total === 0) return [header('Managed models'), context(mrkdwn`No managed model yet. Register one with \`/model register\`.`)];
  return [header(`Managed models (${part.total})`), ...part.models.map((m) => section(modelLine(m))), ...more(part.total, part.models.length)];
}

function lastSyncLine(s: LastSync | undefined): Mrkdwn {
  if (!s) return mrkdwn`No sync has run since the app started keeping its summary.`;
  const { created, updated, unchanged, orphaned, errors } = s.stats;
  const scope = s.model === undefined ? mrkdwn`` : mrkdwn` of ${s.model}`;
  const icon = errors > 0 || s.failures > 0 ? mrkdwn`:warning:` : mrkdwn`:white_check_mark:`;
  return mrkdwn`${icon} ${s.scheduled ? 'Scheduled sync' : 'Sync'}${scope} finished ${slackDate(s.finishedAt)}: created ${created} · updated ${updated} · unchanged ${unchanged} · orphaned ${orphaned} · errors ${errors} · drift repaired ${s.driftRepaired}`;
}

function dependency(name: string, d: DependencyHealth | undefined): Mrkdwn | undefined {
  if (!d) return undefined;
  return d.reachable ? mrkdwn`:large_green_circle: ${name}` : mrkdwn`:red_circle: ${name} unreachable${d.detail ? mrkdwn` (${d.detail})` : mrkdwn``}`;
}

function healthBlocks(h: HealthReport | undefined): KnownBlock[] {
  if (!h) return [context(mrkdwn`Health: not checked yet.`)];
  const parts = [dependency('MLflow', h.mlflow), dependency('state store', h.store), dependency('Notion', h.notion), dependency('ZenML', h.zenml)];
  return [context(...parts.filter((p): p is Mrkdwn => p !== undefined))];
}

/**
 * One person's Home tab: what waits for their approval (with the channel message's Approve/Reject buttons), their
 * own open requests, each managed model's Production/Staging holders and aliases, the last sync and the app's
 * health. `notice` (a message's blocks) is shown on top, e.g. why a click on this tab was refused.
 */
export function homeView(o: HomeOverview, health: HealthReport | undefined, notice?: SlackMessage): View {
  const blocks: KnownBlock[] = [
    ...(notice ? [...notice.blocks, divider()] : []),
    ...waitingBlocks(o),
    divider(),
    ...mineBlocks(o),
    divider(),
    ...modelBlocks(o),
    divider(),
    header('Sync and health'),
    context(lastSyncLine(o.lastSync)),
    ...healthBlocks(health),
    context(mrkdwn`Type \`/model\` for the form, \`/model help\` for every command.`),
  ];
  return { type: 'home', callback_id: 'modelsync_home', blocks: capBlocks(blocks, HOME_MAX_BLOCKS) };
}
