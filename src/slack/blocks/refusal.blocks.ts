import { GUARD_ACTOR } from '../../core/history/last-decision';
import { assertNever } from '../../core/errors';
import { failedSummary } from '../../core/gates/gate-report';
import type { DecisionRefusal, LookupRefusal, MoveRefusal, PolicyRefusal, Refusal } from '../../core/outcomes/refusal';
import { aliasProblemText } from '../commands/alias-problem';
import { channelMention, esc, joinMrkdwn, mention, mrkdwn, plain, textOnly, type Mrkdwn, type SlackMessage, type SlackText } from './block-kit';
import { askAgainCommand, supersededText } from './approval-wording.blocks';
import { typedName } from '../commands/command-text';
import { principalMentions } from './principals.blocks';

/** ":no_entry: <why>": what was refused, why, and what would work; nothing was changed. */
export function refusalMessage(refusal: Refusal): SlackMessage {
  return plain(mrkdwn`:no_entry: ${refusalSentence(refusal)}`);
}

/** The same refusal as text only (chat.postEphemeral from a modal submission has no blocks). */
export function refusalText(refusal: Refusal): { readonly text: SlackText } {
  return textOnly(mrkdwn`:no_entry: ${refusalSentence(refusal)}`);
}

/** A refusal in words, with mentions made from its principal and channel fields (never from names in data). */
export function refusalSentence(r: Refusal): Mrkdwn {
  switch (r.code) {
    case 'model_missing':
    case 'version_missing':
    case 'alias_missing':
    case 'run_missing':
      return lookupSentence(r);
    case 'alias_invalid':
    case 'alias_already_there':
    case 'nothing_to_do':
    case 'no_alias_for_stage':
    case 'protected_alias_removal':
    case 'removal_needs_approver':
    case 'no_previous_holder':
    case 'previous_version_gone':
      return moveSentence(r);
    case 'rules_need_model':
    case 'channel_not_allowed':
    case 'not_allowed_to_request':
    case 'cleanup_not_allowed':
    case 'own_request':
    case 'not_an_approver':
    case 'may_not_reject':
    case 'may_not_revert':
      return policySentence(r);
    case 'request_unknown':
    case 'request_decided':
    case 'request_expired':
    case 'request_superseded':
    case 'incident_closed':
    case 'decision_in_progress':
    case 'gates_fail':
    case 'gates_started_failing':
    case 'transition_failed':
      return decisionSentence(r);
    default:
      return assertNever(r, 'refusal');
  }
}

function lookupSentence(r: LookupRefusal): Mrkdwn {
  switch (r.code) {
    case 'model_missing':
      return r.nearest === undefined
        ? mrkdwn`There is no registered model named ${r.model}. \`/model list\` shows the managed models.`
        : mrkdwn`There is no registered model named ${r.model}. Did you mean \`${typedName(r.nearest)}\`? \`/model list\` shows the managed models.`;
    case 'version_missing':
      return r.latest === undefined
        ? mrkdwn`model ${r.model} has no versions yet`
        : mrkdwn`model ${r.model} has no version ${r.version} (latest is ${r.latest})`;
    case 'alias_missing':
      return mrkdwn`Model ${r.model} has no alias @${r.alias}; \`/model status ${typedName(r.model)}\` shows its aliases.`;
    case 'run_missing':
      return mrkdwn`Nothing was registered: MLflow has no run ${r.runId}. Check the run id in runs:/RUN_ID/PATH (the run page in MLflow shows it).`;
  }
}

function moveSentence(r: MoveRefusal): Mrkdwn {
  switch (r.code) {
    case 'alias_invalid':
      return esc(aliasProblemText(r.alias, r.problem));
    case 'alias_already_there':
      return mrkdwn`@${r.alias} already points to version ${r.version} of ${r.model}; nothing to do.`;
    case 'nothing_to_do': {
      const has = [r.stage === undefined ? undefined : mrkdwn`is already in ${r.stage}`, r.alias === undefined ? undefined : mrkdwn`already holds @${r.alias}`];
      return mrkdwn`Version ${r.version} of ${r.model} ${joinMrkdwn(
        has.filter((h): h is Mrkdwn => h !== undefined),
        ' and ',
      )}; nothing to do.`;
    }
    case 'no_alias_for_stage':
      return mrkdwn`Promotions move aliases here (PROMOTION_VOCABULARY=aliases), but no alias is mapped to ${r.stage} in STAGE_ALIASES. Use \`/model alias <name> <version> <alias>\`.`;
    case 'protected_alias_removal':
      return mrkdwn`Nothing was removed: @${r.alias} is protected (PROTECTED_ALIASES) and deployments load models:/${r.model}@${r.alias}, so it can only be moved to another version with \`/model alias ${typedName(r.model)} <version> ${r.alias}\` (an approver decides), not removed.`;
    case 'removal_needs_approver':
      return mrkdwn`Nothing was removed: removing @${r.alias} needs an approver and removals cannot be approved from Slack; move it with \`/model alias\` instead.`;
    case 'no_previous_holder': {
      const now = r.current === undefined ? mrkdwn`` : mrkdwn` (v${r.current} holds it now)`;
      return mrkdwn`Nothing to roll back: modelsync has no record of a version of ${r.model} that held ${r.target} before the current one${now}. \`/model history ${r.model}\` shows what it recorded; \`/model promote\` or \`/model alias\` moves a version by number.`;
    }
    case 'previous_version_gone':
      return mrkdwn`Nothing was rolled back: version ${r.version} of ${r.model}, which held ${r.target} before, no longer exists in MLflow.`;
  }
}

const NOT_TRASHED = mrkdwn`Nothing was trashed: \`--cleanup-orphans\` moves Notion pages to the trash`;
const SYNC_INSTEAD = mrkdwn`\`/model sync\` without the option repairs everything else and trashes nothing.`;

function policySentence(r: PolicyRefusal): Mrkdwn {
  switch (r.code) {
    case 'rules_need_model':
      return mrkdwn`\`/model ${r.command}\` names no model, so the promotion rules cannot be checked.`;
    case 'channel_not_allowed':
      return mrkdwn`Stage and alias changes of ${r.model} can only be requested in ${joinMrkdwn(r.channels.map(channelMention), ' or ')}.`;
    case 'not_allowed_to_request':
      return mrkdwn`You may not request stage or alias changes of ${r.model}: the promotion rules allow only ${principals(r.principals)}.`;
    case 'cleanup_not_allowed':
      if (r.principals.length === 0) {
        return mrkdwn`${NOT_TRASHED}, and nobody may run it from Slack here because neither APPROVERS nor SYNC_ADMINS names anyone. An operator can run \`npx modelsync sync --cleanup-orphans\`. ${SYNC_INSTEAD}`;
      }
      return mrkdwn`${NOT_TRASHED}, so only approvers and sync admins may run it: ${principals(r.principals)}. ${SYNC_INSTEAD}`;
    case 'own_request':
      return mrkdwn`You asked for this change, so someone else has to approve it (four-eyes rule). Nothing was changed.`;
    case 'not_an_approver':
      return mrkdwn`You are not allowed to approve this request: only the approvers (APPROVERS) can. Nothing was changed; ask one of them.`;
    case 'may_not_reject':
      return mrkdwn`You are not allowed to reject this request: only approvers or the requester can.`;
    case 'may_not_revert':
      return mrkdwn`You are not allowed to revert this change: only the approvers (APPROVERS) can. Nothing was changed; ask one of them.`;
  }
}

function decisionSentence(r: DecisionRefusal): Mrkdwn {
  switch (r.code) {
    case 'request_unknown':
      return mrkdwn`This approval request no longer exists (it expired long ago or was never stored).`;
    case 'request_decided': {
      const by = r.by === undefined ? mrkdwn`someone` : mention(r.by);
      const when = r.at === undefined ? mrkdwn`` : mrkdwn` at ${isoTime(r.at)}`;
      return mrkdwn`This request was already ${r.status} by ${by}${when}.`;
    }
    case 'request_expired':
      return mrkdwn`This request expired at ${isoTime(r.expiresAt)}; ask again with ${askAgainCommand(r.move)}.`;
    case 'request_superseded':
      return supersededText(r.changes, r.note);
    case 'incident_closed': {
      const by = r.by === undefined ? mrkdwn`` : r.by === GUARD_ACTOR ? mrkdwn` by the guard` : mrkdwn` by ${mention(r.by)}`;
      const when = r.at === undefined ? mrkdwn`` : mrkdwn` at ${isoTime(r.at)}`;
      return r.status === 'reverted'
        ? mrkdwn`This change was already reverted${by}${when}; nothing more to do.`
        : mrkdwn`This alert no longer applies: the registry moved on since; nothing was done.`;
    }
    case 'decision_in_progress':
      return mrkdwn`Someone else is deciding this request right now; look at the request message for the outcome.`;
    case 'gates_fail':
      return mrkdwn`The promotion gates fail, so this request cannot be approved: ${failedSummary(r.report)}. Reject it, or fix the run or tags and approve again.`;
    case 'gates_started_failing':
      return mrkdwn`The promotion gates started failing since the request: ${failedSummary(r.report)}. The request now shows them; approve again to override.`;
    case 'transition_failed':
      return mrkdwn`The promotion could not be made in MLflow: ${r.error} The request is still open.`;
  }
}

/** Who may, as Slack shows them: users and user groups as mentions, `*` as "anyone". */
function principals(list: readonly string[]): Mrkdwn {
  return principalMentions(list);
}

function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? 'an unknown time' : date.toISOString();
}
