/**
 * Adding a sub-command takes its core declaration, its use case and its Slack declaration (usage, parser, renderer),
 * nothing else: a fixture `/model ping <name>` registered through the same mechanism as the real ones is parsed,
 * authorized by the policy from its declaration alone, executed, rendered, suggested for a typo and shown in help,
 * through signed requests into the real Bolt app.
 */
import type { CommandContext } from '../../src/core/commands/command';
import { SubcommandRunner, type SubcommandSpec } from '../../src/core/commands/subcommand';
import { MODEL_SUBCOMMANDS, type ModelSubcommands, type ModelUseCases } from '../../src/core/commands/subcommands';
import type { RegistryReader } from '../../src/core/ports/registry.port';
import { mrkdwn, plain, type SlackMessage } from '../../src/slack/blocks/block-kit';
import { argError, isArgError, modelArg, noExtra } from '../../src/slack/commands/args';
import { MODEL_COMMAND, MODEL_SLASH_SUBCOMMANDS } from '../../src/slack/commands/model-subcommands';
import { SlashCommands } from '../../src/slack/commands/slash-commands';
import type { SlashCatalogue, SlashSubcommand } from '../../src/slack/commands/slash-subcommand';
import { createManagedModel } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import type { SentRequest } from '../support/slack-requests';
import { CHANNELS, messageText, startModelApp, USERS, type ModelApp } from './support/model-app';
import { mrkdwnVisibleText } from './support/playground-mrkdwn';

jest.setTimeout(60_000);

// --- The three pieces a new sub-command needs. ---

/** 1. The use case (core): how many versions the model has, and who asked. */
type PingCommand = { readonly kind: 'ping'; readonly model: string };
interface Pong {
  readonly model: string;
  readonly versions: number;
  readonly askedBy: string;
}
class PingUseCase {
  readonly calls: PingCommand[] = [];
  constructor(private readonly registry: RegistryReader) {}
  async execute(command: PingCommand, ctx: CommandContext): Promise<Pong> {
    this.calls.push(command);
    return { model: command.model, versions: (await this.registry.listVersions(command.model)).length, askedBy: ctx.userId };
  }
}

type PingUseCases = ModelUseCases & { readonly ping: PingUseCase };

/**
 * 2. The core declaration: what it may change and the use case it runs. Declared as a stage change, so the
 * promotion rules apply to it without a line of policy code.
 */
const PING_SPEC: SubcommandSpec<PingCommand, Pong, PingUseCases> = { mayChange: ['stage'], run: (u, c, ctx) => u.ping.execute(c, ctx) };
const CORE_CATALOGUE = { ...MODEL_SUBCOMMANDS, ping: PING_SPEC };

/** 3. The Slack declaration: usage, parser, ack and renderer. */
const SLACK_PING: SlashSubcommand<PingCommand, Pong> = {
  usage: '/model ping <name>',
  summary: 'check that a model answers',
  parse: ({ tokens }) => {
    const model = modelArg(tokens[0]);
    if (isArgError(model)) return argError(model.error);
    return noExtra(tokens.slice(1)) ?? { ok: true, command: { kind: 'ping', model: model.value } };
  },
  ack: 'quiet',
  render: (pong): SlackMessage => plain(mrkdwn`:table_tennis_paddle_and_ball: pong: *${pong.model}* has ${pong.versions} versions (asked by ${pong.askedBy})`),
};
const SLACK_CATALOGUE = { ...MODEL_SLASH_SUBCOMMANDS, ping: SLACK_PING } satisfies SlashCatalogue<typeof CORE_CATALOGUE>;

// The two lists are checked against each other when the code compiles (tsc fails if these lines stop being errors):
// @ts-expect-error -- a core sub-command with no Slack declaration
export const MISSING_IN_SLACK: SlashCatalogue<typeof CORE_CATALOGUE> = MODEL_SLASH_SUBCOMMANDS;
// @ts-expect-error -- a Slack declaration of a sub-command the core does not declare
export const MISSING_IN_CORE = { ...MODEL_SLASH_SUBCOMMANDS, ping: SLACK_PING } satisfies SlashCatalogue<ModelSubcommands>;

function responsesOf(app: ModelApp, sent: SentRequest) {
  return app.emulator.responses(decodeURIComponent(sent.responseUrl.split('/').pop() ?? ''));
}
const as = (userId: string) => ({ userId, channelId: CHANNELS.asked });

describe('a sub-command added through the declared lists alone (/model ping)', () => {
  let app: ModelApp;
  let ping: PingUseCase;
  beforeAll(async () => {
    app = await startModelApp({
      // Only the requester may ask for stage changes of ping-* models.
      settings: { promotionRules: [{ pattern: 'ping-*', principals: [USERS.requester], channels: [] }] },
      commands: (core, registry) => {
        ping = new PingUseCase(registry);
        const runner = new SubcommandRunner(CORE_CATALOGUE, { ...core.useCases, ping }, core.policy);
        return new SlashCommands(MODEL_COMMAND, SLACK_CATALOGUE, runner);
      },
    });
  });
  afterAll(async () => app.stop());

  it('is parsed, authorized, executed and rendered', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { name: `ping-${Date.now()}`, versions: 2, managedTag: app.sync.managedTag });
    const sent = await app.slack.command('/model', `ping ${name}`, as(USERS.requester));
    expect(sent.status).toBe(200);
    const answer = await app.emulator.waitFor(() => responsesOf(app, sent)[0], 20_000);
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(answer.text).toBe(`:table_tennis_paddle_and_ball: pong: *${name}* has 2 versions (asked by ${USERS.requester})`);
    expect(ping.calls).toEqual([{ kind: 'ping', model: name }]);
  });

  it('is refused by the promotion rules from its declaration alone, and its use case never runs', async () => {
    const before = ping.calls.length;
    const sent = await app.slack.command('/model', 'ping ping-guarded', as(USERS.outsider));
    const answer = await app.emulator.waitFor(() => responsesOf(app, sent)[0], 20_000);
    expect(answer.text).toBe(`:no_entry: You may not request stage or alias changes of ping-guarded: the promotion rules allow only <@${USERS.requester}>.`);
    expect(ping.calls).toHaveLength(before);
  });

  it('answers bad input with its own usage, suggests it for a typo, and is listed in help', async () => {
    const missing = JSON.parse((await app.slack.command('/model', 'ping')).text) as { text: string };
    expect(missing.text).toContain('Which model? Give the registered model name.');
    expect(mrkdwnVisibleText(missing.text)).toContain('Usage: /model ping <name>');

    const typo = JSON.parse((await app.slack.command('/model', 'pnig churn')).text) as { text: string; blocks: unknown[] };
    expect(typo.text).toContain('Did you mean `/model ping`?');

    const help = JSON.parse((await app.slack.command('/model', 'help')).text) as { text: string; blocks: unknown[] };
    const shown = mrkdwnVisibleText(messageText(help));
    expect(shown).toContain('/model ping <name>');
    expect(shown).toContain('check that a model answers');
    for (const { usage } of Object.values(MODEL_SLASH_SUBCOMMANDS)) expect(shown).toContain(usage);
  });
});
