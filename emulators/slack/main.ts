/**
 * Runs the Slack emulator standalone (demo, manual testing).
 *   ts-node --transpile-only emulators/slack/main.ts [--port 4020] [--bot-token xoxb-…] [--rate-limit 50] [--bot-token-error token_revoked]
 * Env fallbacks: SLACK_EMULATOR_PORT, SLACK_EMULATOR_HOST, SLACK_EMULATOR_BOT_TOKEN, SLACK_EMULATOR_APP_TOKEN, SLACK_EMULATOR_RATE_LIMIT
 * (calls per method per minute).
 */
import { Command, Option } from 'commander';
import type { BotTokenError } from './api-handler';
import { startSlackEmulator } from './slack-emulator';

const DEFAULT_PORT = 4020;

async function main(): Promise<void> {
  const env = process.env;
  const program = new Command()
    .name('slack-emulator')
    .option('--port <port>', 'port to listen on', env.SLACK_EMULATOR_PORT ?? String(DEFAULT_PORT))
    .option('--host <host>', 'interface to bind', env.SLACK_EMULATOR_HOST ?? '127.0.0.1')
    .option('--bot-token <token>', 'bot token to accept', env.SLACK_EMULATOR_BOT_TOKEN)
    .option('--app-token <token>', 'app-level token (xapp-…) apps.connections.open accepts (Socket Mode)', env.SLACK_EMULATOR_APP_TOKEN)
    .option('--rate-limit <perMinute>', 'answer 429 above this many calls per method per minute', env.SLACK_EMULATOR_RATE_LIMIT)
    .addOption(
      new Option('--bot-token-error <error>', 'start with the bot token dead: every method answers this error').choices([
        'token_revoked',
        'account_inactive',
        'invalid_auth',
      ]),
    )
    .parse();
  const o = program.opts<{ port: string; host: string; botToken?: string; appToken?: string; rateLimit?: string; botTokenError?: BotTokenError }>();
  const limit = o.rateLimit === undefined ? undefined : Number(o.rateLimit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new Error('--rate-limit must be a positive integer');
  const emulator = await startSlackEmulator({
    port: Number(o.port),
    host: o.host,
    botToken: o.botToken,
    appToken: o.appToken,
    rateLimit: limit === undefined ? undefined : { limit },
    botTokenError: o.botTokenError,
  });
  console.log(`Slack emulator listening on ${emulator.url}; SLACK_API_URL=${emulator.apiUrl}`);
  if (!o.botToken) console.log(`Accepting the default bot token ${emulator.botToken} (set SLACK_BOT_TOKEN to it)`);
  if (!o.appToken) console.log(`Socket Mode: accepting the default app-level token ${emulator.appToken} (set SLACK_APP_TOKEN to it)`);
  const shutdown = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
