/**
 * Who is who in the workspace, as the authorization policy asks it. Principals are the chat platform's own
 * identifiers (APPROVERS, SYNC_ADMINS, PROMOTION_RULES): people, groups of people, or "anyone"; only the adapter
 * knows which is which (Slack: src/slack/notifier/slack.directory.ts).
 */
export interface DirectoryPort {
  /**
   * True when `userId` is one of `principals`: named directly, a member of a named group, or covered by the
   * platform's "anyone". Throws when membership cannot be read (a policy must not guess).
   */
  isListed(userId: string, principals: readonly string[]): Promise<boolean>;
  /** How the person is shown outside chat (e.g. the MLflow last-decision tag); undefined when unknown. Optional: IDs are shown instead. */
  displayName?(userId: string): Promise<string | undefined>;
}
