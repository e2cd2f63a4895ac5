import type { ModelCommands } from '../../core/commands/model-commands';
import type { ModelSubcommands, ModelUseCases } from '../../core/commands/subcommands';
import { promoteMessage, registerMessage, syncMessage, unaliasMessage } from '../blocks/command-result.blocks';
import { diffMessage } from '../blocks/diff.blocks';
import { helpMessage } from '../blocks/help.blocks';
import { listMessage, statusMessage } from '../blocks/status.blocks';
import { historyMessage } from '../blocks/history.blocks';
import {
  parseAlias,
  parseArchive,
  parseHelp,
  parseHistory,
  parseList,
  parsePromote,
  parseRegister,
  parseRollback,
  parseStatus,
  parseSync,
  parseUnalias,
} from './model-parsers';
import { subscribeMessage, subscriptionsMessage, unsubscribeMessage } from '../blocks/subscriptions.blocks';
import { parseDiff, parseSubscribe, parseSubscriptions, parseUnsubscribe } from './reach-parsers';
import type { SlashCatalogue } from './slash-subcommand';
import { SlashCommands } from './slash-commands';

/** The slash command of the model sub-commands (must match manifest.json). */
export const MODEL_COMMAND = '/model';

/**
 * Slack's half of the declared `/model` sub-commands, keyed by the same names as the core's list
 * (src/core/commands/subcommands.ts): the usage shown in help and errors, the parser, how the command is
 * acknowledged, and the renderer of its result. The manifest's usage hint and the README's command table are
 * tested against it.
 */
export const MODEL_SLASH_SUBCOMMANDS = {
  register: {
    usage: '/model register <name> <source-uri|runs:/RUN_ID/PATH> [description…]',
    summary: 'register a new version in MLflow (model created and tagged managed if needed), synced at once',
    parse: parseRegister,
    ack: 'working',
    render: registerMessage,
  },
  promote: {
    usage: '/model promote <name> <version> <staging|production|archived|none>',
    summary: 'move a version to a stage; protected stages wait for an approver',
    parse: parsePromote,
    ack: 'quiet',
    render: promoteMessage,
  },
  archive: { usage: '/model archive <name> <version>', summary: 'archive a version', parse: parseArchive, ack: 'quiet', render: promoteMessage },
  alias: {
    usage: '/model alias <name> <version> <alias>',
    summary: 'point an alias (models:/name@alias) at a version; protected aliases wait for an approver',
    parse: parseAlias,
    ack: 'quiet',
    render: promoteMessage,
  },
  unalias: {
    usage: '/model unalias <name> <alias>',
    summary: 'remove an alias (protected aliases can only be moved)',
    parse: parseUnalias,
    ack: 'quiet',
    render: unaliasMessage,
  },
  status: {
    usage: '/model status <name>',
    summary: 'versions with stage, aliases, links, and the last decisions',
    parse: parseStatus,
    ack: 'quiet',
    render: statusMessage,
  },
  rollback: {
    usage: '/model rollback <name> [production|staging|@alias]',
    summary: 'put back the version that held the stage (default production) or alias before the current one; protected ones wait for an approver',
    parse: parseRollback,
    ack: 'quiet',
    render: promoteMessage,
  },
  history: {
    usage: '/model history <name> [stage|@alias]',
    summary: 'every stage and alias change modelsync saw, newest first, with who made it',
    parse: parseHistory,
    ack: 'quiet',
    render: historyMessage,
  },
  list: { usage: '/model list', summary: 'managed models with their Production and Staging versions', parse: parseList, ack: 'quiet', render: listMessage },
  sync: {
    usage: '/model sync [name] [--full] [--cleanup-orphans]',
    summary: 'reconcile MLflow with Notion (and ZenML) now and post the report',
    parse: parseSync,
    ack: 'working',
    render: syncMessage,
    // A sync report concerns everyone in the channel; other answers are for the person who asked.
    inChannel: (run) => run.kind === 'ran',
  },
  help: { usage: '/model help', summary: 'this help', parse: parseHelp, ack: 'answer', render: (_none, { help }) => helpMessage(help) },
  subscribe: {
    usage: '/model subscribe <model|pattern> [stages|aliases|versions|reports]',
    summary: 'post notices about matching models (* and ? allowed) in this channel too; all kinds unless named',
    parse: parseSubscribe,
    ack: 'quiet',
    render: subscribeMessage,
    // The channel sees who subscribed it to what.
    inChannel: (r) => r.kind === 'added' || r.kind === 'widened',
  },
  unsubscribe: {
    usage: '/model unsubscribe <model|pattern> [stages|aliases|versions|reports]',
    summary: "stop this channel's notices for that pattern (all kinds unless named)",
    parse: parseUnsubscribe,
    ack: 'quiet',
    render: unsubscribeMessage,
    inChannel: (r) => r.kind !== 'not_subscribed',
  },
  subscriptions: {
    usage: '/model subscriptions',
    summary: "this channel's subscriptions",
    parse: parseSubscriptions,
    ack: 'quiet',
    render: subscriptionsMessage,
  },
  diff: {
    usage: '/model diff <name> <version> <version>',
    summary: 'metrics and params of two versions side by side, with deltas and better/worse',
    parse: parseDiff,
    ack: 'quiet',
    render: diffMessage,
  },
} satisfies SlashCatalogue<ModelSubcommands>;

/** The manifest's usage hint for `/model` (manifest.json is tested against it): every declared name, then the arguments. */
export function modelUsageHint(): string {
  return `${Object.keys(MODEL_SLASH_SUBCOMMANDS).join('|')} [model] [version] [stage|alias]`;
}

/** The `/model` command over the core's model commands. */
export function modelSlashCommands(commands: ModelCommands): SlashCommands<ModelSubcommands, ModelUseCases> {
  return new SlashCommands(MODEL_COMMAND, MODEL_SLASH_SUBCOMMANDS, commands);
}
