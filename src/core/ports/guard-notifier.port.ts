import type { GuardIncident } from '../guard/guard-types';
import type { MessageRef } from './message-ref';

/**
 * Messages of the guard (GUARD_MODE): a warning about an outside change (with a Revert button while it is open), or
 * the announcement of the guard's own revert, updated in place when the incident changes. Implemented in
 * src/slack/notifier; the channel is SLACK_NOTIFY_CHANNEL. Failures throw; the guard logs them.
 */
export interface GuardNotifier {
  /** Posts the incident; undefined when no channel is configured. */
  postIncident(incident: GuardIncident): Promise<MessageRef | undefined>;
  /** Re-renders the incident's message in place (reverted, no longer applies…). */
  updateIncident(incident: GuardIncident): Promise<void>;
}
