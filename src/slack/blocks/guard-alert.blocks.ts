import type { KnownBlock } from '@slack/web-api';
import type { GuardIncident, OutsideChange, StageMove } from '../../core/guard/guard-types';
import { GUARD_ACTOR } from '../../core/history/last-decision';
import { assertNever } from '../../core/errors';
import { context, cut, joinMrkdwn, link, mention, message, mrkdwn, section, slackDate, type Mrkdwn, type SlackMessage } from './block-kit';

/** action_id of the Revert button (the value is the incident id, nothing else). */
export const REVERT_ACTION_ID = 'guard_revert';

/** A guard message: the outside change, and what became of it (Revert button while open, for approvers only). */
export function guardIncidentMessage(i: GuardIncident): SlackMessage {
  const c = i.change;
  const found = i.foundBy === 'webhook' ? mrkdwn`found at once by the MLflow webhook` : mrkdwn`found by the sync`;
  const blocks: KnownBlock[] = [
    section(mrkdwn`:rotating_light: *${link(i.modelUrl, c.model)}*: ${changeText(c)} *outside modelsync* (MLflow UI or API).`),
    context(mrkdwn`${found} at ${slackDate(i.foundAt)} · MLflow does not say who made it · GUARD_MODE=${i.mode}`),
    ...stateBlocks(i),
  ];
  return message(mrkdwn`${headline(i)}: ${c.model} ${changePlain(c)}`, blocks);
}

function headline(i: GuardIncident): string {
  switch (i.status) {
    case 'open':
      return 'Changed outside modelsync';
    case 'reverted':
      return 'Reverted an outside change';
    case 'superseded':
      return 'Outside change (no longer applies)';
    default:
      return assertNever(i.status, 'incident status');
  }
}

/** "Production: v4 → v5 (v5 None → Production, v4 Production → Archived)" or "@champion: v4 → v7". */
function changeText(c: OutsideChange): Mrkdwn {
  if (c.kind === 'alias') return mrkdwn`\`@${c.alias}\` moved ${holder(c.before)} → *${holder(c.after)}*`;
  const moves = joinMrkdwn(c.moves.map(moveText), ', ');
  return mrkdwn`*${c.stage}* changed ${holders(c.before)} → *${holders(c.after)}* (${moves})`;
}

function changePlain(c: OutsideChange): Mrkdwn {
  return c.kind === 'alias' ? mrkdwn`@${c.alias} ${holder(c.before)} → ${holder(c.after)}` : mrkdwn`${c.stage} ${holders(c.before)} → ${holders(c.after)}`;
}

function moveText(m: StageMove): Mrkdwn {
  return mrkdwn`v${m.version} ${m.from ?? 'new'} → ${m.to ?? 'deleted'}`;
}

function holder(v: string | undefined): Mrkdwn {
  return v === undefined ? mrkdwn`_none_` : mrkdwn`v${v}`;
}

function holders(list: readonly string[]): Mrkdwn {
  return list.length === 0
    ? mrkdwn`_none_`
    : joinMrkdwn(
        list.map((v) => mrkdwn`v${v}`),
        ', ',
      );
}

function stateBlocks(i: GuardIncident): KnownBlock[] {
  const problem = i.problem === undefined ? [] : [section(mrkdwn`:warning: The guard could not put it back: ${cut(i.problem, 500)}`)];
  switch (i.status) {
    case 'open':
      return [
        ...problem,
        {
          type: 'actions',
          block_id: 'guard_actions',
          elements: [
            {
              type: 'button',
              action_id: REVERT_ACTION_ID,
              style: 'danger',
              text: { type: 'plain_text', text: 'Revert' },
              value: i.id,
              confirm: {
                title: { type: 'plain_text', text: 'Put the previous holder back?' },
                text: { type: 'plain_text', text: 'MLflow is changed back to the state modelsync last recorded, if nothing changed since this alert.' },
                confirm: { type: 'plain_text', text: 'Revert' },
                deny: { type: 'plain_text', text: 'Cancel' },
              },
            },
          ],
        },
        context(mrkdwn`Approvers only. To keep the change, ask for it with /model promote or /model alias and have it approved.`),
      ];
    case 'reverted': {
      const by = i.revertedBy === GUARD_ACTOR || i.revertedBy === undefined ? mrkdwn`by the guard` : mrkdwn`by ${mention(i.revertedBy)}`;
      const when = i.revertedAt === undefined ? mrkdwn`` : mrkdwn` at ${slackDate(i.revertedAt)}`;
      const asked = i.requestId === undefined ? mrkdwn`` : mrkdwn` An approval request for the outside change is open, so it can still be made properly.`;
      return [section(mrkdwn`:leftwards_arrow_with_hook: *Reverted* ${by}${when}: the previous holder is back in MLflow.${asked}`)];
    }
    case 'superseded':
      return [section(mrkdwn`:information_source: *No longer applies*: the registry changed again since this alert; nothing was reverted.`)];
    default:
      return assertNever(i.status, 'incident status');
  }
}
