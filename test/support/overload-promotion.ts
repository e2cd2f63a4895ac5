/**
 * A promotion asked and approved while a burst runs, timed as issue 19 defines it: from the `/model promote` ack to
 * the approval request in the approvals channel, and from the Approve click's ack to the transition in MLflow and
 * the stage-change notification.
 */
import type { SlackEmulator, StoredMessage } from '../../emulators/slack';
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { buttons, messageText } from '../slack/support/model-app';
import { mlflowRest } from './mlflow-seed';
import { OVERLOAD_CHANNELS, OVERLOAD_USERS } from './overload-world';
import type { SlackRequestHarness } from './slack-requests';

export interface PromotionTimings {
  readonly promoteAckStatus: number;
  /** From the promote command's ack to the approval request's post (undefined: not within the timeout). */
  readonly approvalRequestMs?: number;
  readonly approveAckStatus?: number;
  /** From the Approve click's ack to MLflow showing the version in Production. */
  readonly transitionMs?: number;
  /** From the Approve click's ack to the stage-change notification's post. */
  readonly notificationMs?: number;
}

const topLevel = (slack: SlackEmulator, channel: string): StoredMessage[] => slack.messages(channel).filter((m) => m.visibleTo === undefined);

/** Asks for `model` v`version` → Production as the requester, approves as the approver; waits up to `timeoutMs` per step. */
export async function promoteAndApprove(options: {
  readonly harness: SlackRequestHarness;
  readonly slack: SlackEmulator;
  /** Direct MLflow URL (not through the counting proxy) to watch the stage. */
  readonly mlflowUrl: string;
  readonly model: string;
  readonly version: string;
  readonly timeoutMs: number;
}): Promise<PromotionTimings> {
  const { harness, slack, model, version, timeoutMs } = options;
  const asked = await harness.command('/model', `promote ${model} ${version} production`, {
    userId: OVERLOAD_USERS.requester,
    channelId: OVERLOAD_CHANNELS.asked,
  });
  const askedAt = performance.now();
  const request = await slack
    .waitFor(() => topLevel(slack, OVERLOAD_CHANNELS.approvals).find((m) => messageText(m).includes(model) && buttons(m)[APPROVE_ACTION_ID]), timeoutMs)
    .catch(() => undefined);
  if (!request) return { promoteAckStatus: asked.status };
  const approvalRequestMs = performance.now() - askedAt;
  const click = await harness.blockAction({
    actionId: APPROVE_ACTION_ID,
    value: buttons(request)[APPROVE_ACTION_ID],
    messageTs: request.ts,
    userId: OVERLOAD_USERS.approver,
    channelId: OVERLOAD_CHANNELS.approvals,
  });
  const clickedAt = performance.now();
  const notified = slack
    .waitFor(() => topLevel(slack, OVERLOAD_CHANNELS.notify).find((m) => messageText(m).includes(model)), timeoutMs)
    .then(() => performance.now() - clickedAt)
    .catch(() => undefined);
  const transitioned = (async (): Promise<number | undefined> => {
    while (performance.now() - clickedAt < timeoutMs) {
      const got = await mlflowRest<{ model_version: { current_stage: string } }>(options.mlflowUrl, 'GET', 'model-versions/get', { name: model, version });
      if (got.model_version.current_stage === 'Production') return performance.now() - clickedAt;
      await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
  })();
  const [notificationMs, transitionMs] = await Promise.all([notified, transitioned]);
  return { promoteAckStatus: asked.status, approvalRequestMs, approveAckStatus: click.status, transitionMs, notificationMs };
}
