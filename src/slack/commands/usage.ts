/** The `/model` sub-commands and their right form, used by help and by every parse error. */
export const SUBCOMMANDS = ['register', 'promote', 'archive', 'alias', 'unalias', 'status', 'list', 'sync', 'help'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export const USAGE: Readonly<Record<Subcommand, string>> = {
  register: '/model register <name> <source-uri|runs:/RUN_ID/PATH> [description…]',
  promote: '/model promote <name> <version> <staging|production|archived|none>',
  archive: '/model archive <name> <version>',
  alias: '/model alias <name> <version> <alias>',
  unalias: '/model unalias <name> <alias>',
  status: '/model status <name>',
  list: '/model list',
  sync: '/model sync [name] [--cleanup-orphans]',
  help: '/model help',
};

export const SUMMARY: Readonly<Record<Subcommand, string>> = {
  register: 'register a new version in MLflow (model created and tagged managed if needed), synced at once',
  promote: 'move a version to a stage; protected stages wait for an approver',
  archive: 'archive a version',
  alias: 'point an alias (models:/name@alias) at a version; protected aliases wait for an approver',
  unalias: 'remove an alias (protected aliases can only be moved)',
  status: 'versions with stage, aliases, links, and the last decisions',
  list: 'managed models with their Production and Staging versions',
  sync: 'reconcile MLflow with Notion (and ZenML) now and post the report',
  help: 'this help',
};
