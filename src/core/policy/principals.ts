import type { DirectoryPort } from '../ports/directory.port';

/** True when `userId` is listed in `principals` (user IDs U…/W…, user group IDs S…, or `*` for anyone). */
export async function isListed(directory: DirectoryPort, userId: string, principals: readonly string[]): Promise<boolean> {
  if (principals.includes('*') || principals.includes(userId)) return true;
  for (const group of principals.filter((p) => p.startsWith('S'))) {
    if ((await directory.groupMembers(group)).includes(userId)) return true;
  }
  return false;
}

/** `<@U…>` for a user, `<!subteam^S…>` for a user group: Slack renders both as names. */
export function mentionPrincipal(principal: string): string {
  return principal.startsWith('S') ? `<!subteam^${principal}>` : `<@${principal}>`;
}
