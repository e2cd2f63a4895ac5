/**
 * Slack principals as APPROVERS, SYNC_ADMINS and PROMOTION_RULES write them: user IDs (U…, W… on Enterprise Grid),
 * user group IDs (S…), or `*` for anyone. The core treats them as opaque strings; these rules are Slack's.
 */
export const ANYONE = '*';

/** A principal that names a user group (its members are read from Slack). */
export function isUserGroup(principal: string): boolean {
  return principal.startsWith('S');
}

/**
 * True when `userId` is listed: `*`, the user's own ID, or a group they belong to. Groups are only read when the
 * cheaper answers do not settle it.
 */
export async function isListedIn(
  userId: string,
  principals: readonly string[],
  groupMembers: (groupId: string) => Promise<readonly string[]>,
): Promise<boolean> {
  if (principals.includes(ANYONE) || principals.includes(userId)) return true;
  for (const group of principals.filter(isUserGroup)) {
    if ((await groupMembers(group)).includes(userId)) return true;
  }
  return false;
}
