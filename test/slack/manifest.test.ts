import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import manifestJson from '../../manifest.json';
import { SLACK_EVENTS_PATH } from '../../src/slack/app';
import { MODEL_COMMAND, MODEL_SLASH_SUBCOMMANDS, modelUsageHint } from '../../src/slack/commands/model-subcommands';

type Manifest = AppsManifestCreateArguments['manifest'];
type BotScopes = NonNullable<NonNullable<NonNullable<Manifest['oauth_config']>['scopes']>['bot']>;
type BotEvents = NonNullable<NonNullable<NonNullable<Manifest['settings']>['event_subscriptions']>['bot_events']>;

// Type-checks the manifest against @slack/web-api's own manifest schema (tsc fails on a field of the wrong shape). A JSON
// import widens scope and event names to string, so they are narrowed here and checked exactly by the tests below.
const manifest: Manifest = {
  ...manifestJson,
  oauth_config: { scopes: { bot: manifestJson.oauth_config.scopes.bot as BotScopes } },
  settings: {
    ...manifestJson.settings,
    event_subscriptions: { ...manifestJson.settings.event_subscriptions, bot_events: manifestJson.settings.event_subscriptions.bot_events as BotEvents },
  },
};

describe('Slack app manifest', () => {
  it('sends the /model command and interactivity to the endpoint the app serves', () => {
    const command = manifest.features?.slash_commands?.find((c) => c.command === '/model');
    expect(command?.url).toBe(`https://YOUR-HOST${SLACK_EVENTS_PATH}`);
    expect(command?.usage_hint).toContain('promote');
    expect(manifest.settings?.interactivity).toEqual({
      is_enabled: true,
      request_url: `https://YOUR-HOST${SLACK_EVENTS_PATH}`,
      // Options loads of the /model modal's model picker (block_suggestion).
      message_menu_options_url: `https://YOUR-HOST${SLACK_EVENTS_PATH}`,
    });
    expect(manifest.settings?.socket_mode_enabled).toBe(false);
  });

  it('enables the Home tab and sends app_home_opened to the endpoint the app serves (the event needs no scope)', () => {
    expect(manifest.features?.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.settings?.event_subscriptions?.request_url).toBe(`https://YOUR-HOST${SLACK_EVENTS_PATH}`);
    expect(manifest.settings?.event_subscriptions?.bot_events).toContain('app_home_opened');
  });

  it('hints exactly the declared /model sub-commands, in their order', () => {
    const command = manifest.features?.slash_commands?.find((c) => c.command === MODEL_COMMAND);
    expect(command?.usage_hint).toBe(modelUsageHint());
    expect(command?.usage_hint?.split(' ')[0]?.split('|')).toEqual(Object.keys(MODEL_SLASH_SUBCOMMANDS));
  });

  it("keeps within Slack's documented limits for display information", () => {
    expect(manifest.display_information.description?.length).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description ?? '';
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(manifest.features?.bot_user?.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });

  it('asks for exactly the bot scopes justified in docs/slack-scopes.md', () => {
    const scopes = manifest.oauth_config?.scopes?.bot ?? [];
    expect([...scopes].sort()).toEqual(['chat:write', 'chat:write.public', 'commands', 'links:read', 'links:write', 'usergroups:read', 'users:read']);
    const doc = readFileSync(path.join(__dirname, '../../docs/slack-scopes.md'), 'utf8');
    for (const scope of scopes) expect(doc).toContain(`| \`${scope}\` |`);
  });
});

describe('link unfurling in the manifest', () => {
  it('subscribes to link_shared at the endpoint the app serves and registers the MLflow UI host as an unfurl domain', () => {
    expect(manifest.settings?.event_subscriptions).toEqual({
      request_url: `https://YOUR-HOST${SLACK_EVENTS_PATH}`,
      bot_events: ['app_home_opened', 'link_shared'],
    });
    expect(manifest.features?.unfurl_domains).toEqual(['YOUR-MLFLOW-HOST']);
    const doc = readFileSync(path.join(__dirname, '../../docs/slack-scopes.md'), 'utf8');
    expect(doc).toContain('YOUR-MLFLOW-HOST');
    expect(doc).toContain('`link_shared`');
  });
});

describe("the README's /model command table", () => {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf('## In Slack: `/model`');
  const table = readme
    .slice(start, readme.indexOf('\n\n', readme.indexOf('| command |', start)))
    .split('\n')
    .filter((l) => l.startsWith('| `/model'));

  it('shows every declared sub-command with its usage as declared', () => {
    expect(start).toBeGreaterThanOrEqual(0);
    for (const { usage } of Object.values(MODEL_SLASH_SUBCOMMANDS)) {
      // Markdown tables escape the | of a usage line.
      expect(table.some((row) => row.includes(`\`${usage.replace(/\|/g, '\\|')}\``))).toBe(true);
    }
  });

  it('lists no sub-command that is not declared', () => {
    const named = table.flatMap((row) => [...row.matchAll(/`\/model (\w+)/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(Object.keys(MODEL_SLASH_SUBCOMMANDS)).toContain(name);
  });
});
