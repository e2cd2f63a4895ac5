/** The workspace's people directory, as approvals need it. Implemented in src/slack (usergroups.users.list). */
export interface DirectoryPort {
  /** User IDs in a user group (S…); empty when the group is unknown or empty. */
  groupMembers(groupId: string): Promise<readonly string[]>;
}
