/**
 * Where a message the app posted lives, as the notifier returned it, so it can be updated in place later. Opaque to
 * the core: stored with the request as given (plain JSON) and handed back to the notifier; only the chat adapter
 * knows its fields (Slack: channel and ts).
 */
export type MessageRef = Readonly<Record<string, string>>;
