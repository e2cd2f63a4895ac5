import type { ApprovalChange, RequestedMove } from '../../core/approvals/approval-change';
import { joinMrkdwn, mrkdwn, type Mrkdwn } from './block-kit';
import { typedName } from '../commands/command-text';

/** The command that asks for the same change again (shown in a code span or after "ask again with"). */
export function askAgainCommand(move: RequestedMove): Mrkdwn {
  if (move.toStage === move.fromStage && move.alias !== undefined) return mrkdwn`/model alias ${typedName(move.model)} ${move.version} ${move.alias}`;
  return mrkdwn`/model promote ${typedName(move.model)} ${move.version} ${move.toStage.toLowerCase()}`;
}

/**
 * What changed since a request, one clause each ("@champion is now on version 7, not 5"), then that nothing was done
 * and what to do. `note` is the sentence of a request superseded before changes were stored as data.
 */
export function supersededText(changes: readonly ApprovalChange[], note?: string): Mrkdwn {
  if (changes.length === 0) return mrkdwn`${note ?? 'This request no longer applies: the version changed stage meanwhile.'}`;
  return mrkdwn`${changeClauses(changes)}; nothing was done. Ask again if still wanted.`;
}

/** The clauses alone, joined by "; " (the audit trail's superseded entries show them). */
export function changeClauses(changes: readonly ApprovalChange[]): Mrkdwn {
  return joinMrkdwn(changes.map(changeClause), '; ');
}

function changeClause(c: ApprovalChange): Mrkdwn {
  switch (c.kind) {
    case 'version_stage': {
      const what = c.now === undefined ? 'it no longer exists' : `it is now in ${c.now}`;
      return mrkdwn`Version ${c.version} of ${c.model} changed stage since the request (${what})`;
    }
    case 'stage_holders':
      if (c.then.length === 0) return mrkdwn`${versionList(c.now)} entered ${c.stage} since the request (it showed none)`;
      if (c.now.length === 0) return mrkdwn`${c.stage} is now empty (the request showed ${versionList(c.then)} there)`;
      return mrkdwn`${c.stage} is now held by ${versionList(c.now)}, not ${versionList(c.then)}`;
    case 'alias_holder':
      if (c.then === undefined) return mrkdwn`@${c.alias} was set on version ${c.now ?? '?'} since the request (it was on no version)`;
      if (c.now === undefined) return mrkdwn`@${c.alias} was removed from version ${c.then} since the request`;
      return mrkdwn`@${c.alias} is now on version ${c.now}, not ${c.then}`;
  }
}

function versionList(versions: readonly string[]): string {
  return `${versions.length === 1 ? 'version' : 'versions'} ${versions.join(', ')}`;
}
