import { ANYONE, isUserGroup } from '../policy/principals';
import { esc, groupMention, joinMrkdwn, mention, type Mrkdwn } from './block-kit';

/**
 * People and groups as Slack shows them, comma-separated: `<@U…>` for a person, `<!subteam^S…>` for a user group
 * (both notify: that is how approvers are paged), "anyone" for `*`. Built by the kit's helpers from validated IDs.
 */
export function principalMentions(list: readonly string[]): Mrkdwn {
  return joinMrkdwn(
    list.map((p) => (p === ANYONE ? esc('anyone') : isUserGroup(p) ? groupMention(p) : mention(p))),
    ', ',
  );
}
