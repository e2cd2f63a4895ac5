import type { WebClient } from '@slack/web-api';
import type { DirectoryPort } from '../../core/ports/directory.port';
import { isListedIn } from '../policy/principals';

/** Group memberships are re-read after this long, so a change in Slack applies within a minute. */
export const GROUP_CACHE_TTL_MS = 60_000;

/** DirectoryPort over Slack IDs and usergroups.users.list (needs the usergroups:read scope). */
export class SlackDirectory implements DirectoryPort {
  private readonly cache = new Map<string, { users: readonly string[]; until: number }>();

  constructor(
    private readonly client: WebClient,
    private readonly now: () => number = Date.now,
  ) {}

  isListed(userId: string, principals: readonly string[]): Promise<boolean> {
    return isListedIn(userId, principals, (group) => this.groupMembers(group));
  }

  /** The person's Slack handle (users.info `name`), cached like group members; undefined when Slack does not know them. */
  async displayName(userId: string): Promise<string | undefined> {
    const key = `user:${userId}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.users[0];
    let name: string | undefined;
    try {
      const user = (await this.client.users.info({ user: userId })).user;
      name = user?.name ?? user?.real_name;
    } catch {
      // users:read missing or an unknown user: the ID is shown instead.
      name = undefined;
    }
    this.cache.set(key, { users: name === undefined ? [] : [name], until: this.now() + GROUP_CACHE_TTL_MS });
    return name;
  }

  /** User IDs in a user group (S…); empty when the group is unknown or empty. */
  async groupMembers(groupId: string): Promise<readonly string[]> {
    const hit = this.cache.get(groupId);
    if (hit && hit.until > this.now()) return hit.users;
    let users: readonly string[];
    try {
      users = (await this.client.usergroups.users.list({ usergroup: groupId })).users ?? [];
    } catch (e) {
      // An unknown group grants nothing; any other failure must not silently grant or deny, so it throws.
      if ((e as { data?: { error?: string } }).data?.error === 'no_such_subteam') users = [];
      else throw e;
    }
    this.cache.set(groupId, { users, until: this.now() + GROUP_CACHE_TTL_MS });
    return users;
  }
}
