import type { DirectoryPort } from '../../../src/core/ports/directory.port';
import { isListedIn } from '../../../src/slack/policy/principals';

/** A DirectoryPort with fixed user groups, reading principals by Slack's rules (U…/W… users, S… groups, `*`). */
export class StaticDirectory implements DirectoryPort {
  constructor(private readonly groups: Record<string, string[]> = {}) {}
  isListed(userId: string, principals: readonly string[]): Promise<boolean> {
    return isListedIn(userId, principals, async (group) => this.groups[group] ?? []);
  }
}
