import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { describeError } from '../../../core/errors';
import { esc, mrkdwn, plain, type SlackMessage } from '../../blocks/block-kit';
import { refusalMessage } from '../../blocks/refusal.blocks';
import { readRejectMetadata, REASON_ACTION_ID, REASON_BLOCK_ID } from '../../blocks/reject-modal.blocks';
import type { ListenerDeps } from '../listener-deps';

/** Reject modal submitted: validate the reason inside the ack (errors show in the modal), then decide. */
export function rejectReasonViewCallback(deps: ListenerDeps) {
  return async ({ ack, view, body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const meta = readRejectMetadata(view.private_metadata);
    const reason = view.state.values[REASON_BLOCK_ID]?.[REASON_ACTION_ID]?.value?.trim() ?? '';
    if (!meta) {
      await ack({ response_action: 'errors', errors: { [REASON_BLOCK_ID]: 'This dialog is out of date; click Reject on the request again.' } });
      return;
    }
    if (reason.length < 3) {
      await ack({ response_action: 'errors', errors: { [REASON_BLOCK_ID]: 'Please give a reason (at least 3 characters).' } });
      return;
    }
    await ack();
    let refusal: SlackMessage | undefined;
    try {
      const outcome = await deps.work.run('change', () => deps.approvals.reject(meta.requestId, body.user.id, reason));
      if (outcome.kind === 'refused') refusal = refusalMessage(outcome.refusal);
    } catch (e) {
      deps.logger.error({ err: e, view: 'reject' }, 'reject failed');
      refusal = plain(mrkdwn`:no_entry: The rejection failed: ${esc(describeError(e))}`);
    }
    if (refusal && meta.channel) {
      await client.chat.postEphemeral({ channel: meta.channel, user: body.user.id, text: refusal.text }).catch((e: unknown) => {
        deps.logger.warn({ err: e }, 'reject refusal not shown');
      });
    } else if (refusal && deps.home) {
      // Rejected from the Home tab (no channel): the refusal shows on top of the person's tab.
      await deps.home.publish(body.user.id, refusal);
    }
  };
}
