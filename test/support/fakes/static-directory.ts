import type { DirectoryPort } from '../../../src/core/ports/directory.port';

/** A DirectoryPort with fixed user groups. */
export class StaticDirectory implements DirectoryPort {
  constructor(private readonly groups: Record<string, string[]> = {}) {}
  async groupMembers(groupId: string): Promise<readonly string[]> {
    return this.groups[groupId] ?? [];
  }
}
