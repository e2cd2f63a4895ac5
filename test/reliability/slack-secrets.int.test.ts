/**
 * Secrets never reach a log line or a Slack message: the real app (startApp from loadConfig, the real pino logger
 * with the configured secrets) runs with every secret set — Slack bot/app tokens and signing secret, MLflow token and
 * webhook secret, Notion token, ZenML API key (its server unreachable, so its errors carry the request), a Redis
 * password, passwords written into MLFLOW_TRACKING_URI (MLflow is used through them) and ZENML_SERVER_URL — is
 * driven through commands, clicks, refusals and errors at debug level, and every captured line and every message
 * the Slack emulator received is searched for each secret as is, JSON-escaped and URL-encoded.
 */
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { createLogger } from '../../src/adapters/log/logger';
import { startApp, type RunningApp } from '../../src/app/start-app';
import { loadConfig, secretValues } from '../../src/config';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { createManagedModel, MANAGED_TAG } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import { SlackRequestHarness } from '../support/slack-requests';
import { buttons, messageText } from '../slack/support/model-app';
import { startRedisServer, type RedisServer } from './support/redis-server';
import { recordSlackFigure } from './support/slack-figures';
import { until } from './support/slack-seed';
import { tempStorePath } from '../support/temp-store';

jest.setTimeout(180_000);

// Characters that make the raw, JSON-escaped and URL-encoded spellings differ.
const SECRETS = {
  botToken: 'xoxb-1111-2222-SeCrEtBoTtOkEn"q\\b',
  appToken: 'xapp-1-A111-333-SeCrEtApPtOkEn+/=',
  signingSecret: 'SeCrEtSiGnInG/+=0123456789abcdef',
  mlflowToken: 'SeCrEtMlFlOwToKeN+/x=',
  webhookSecret: 'SeCrEtWeBhOoK-0123456789+/',
  notionToken: 'ntn_SeCrEtNoTiOnToKeN/+',
  zenmlKey: 'ZENKEY-SeCrEtZeNmLkEy+/',
  redisPassword: 'SeCrEtReDiS+pw/x',
  // Credentials written into URL settings (issue 12): MLflow is used through them, ZenML's errors carry its URL.
  mlflowUrlPassword: 'SeCrEtMlFlOwUrL@pw:/x',
  zenmlUrlPassword: 'SeCrEtZeNmLuRl#pw',
};

/** `http://user:password@host…` with the password percent-encoded as a URL needs it. */
function withCredentials(url: string, user: string, password: string): string {
  return url.replace(/^http:\/\//, `http://${user}:${encodeURIComponent(password)}@`);
}

function spellings(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

describe('secrets in logs and Slack messages', () => {
  let redis: RedisServer;
  let notion: NotionEmulator;
  let slack: SlackEmulator;
  let app: RunningApp;
  const lines: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer({ password: SECRETS.redisPassword });
    notion = await startNotionEmulator({ token: SECRETS.notionToken });
    slack = await startSlackEmulator({ botToken: SECRETS.botToken });
    for (const id of ['C0GENERAL', 'C0APPROVALS']) slack.seedChannel({ id, name: id.toLowerCase() });
    const { databaseId } = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
    const config = loadConfig(
      {
        MLFLOW_TRACKING_URI: withCredentials(mlflowTestUrl(), 'mlflow-user', SECRETS.mlflowUrlPassword),
        MLFLOW_TRACKING_TOKEN: SECRETS.mlflowToken,
        MLFLOW_WEBHOOK_SECRET: SECRETS.webhookSecret,
        NOTION_API_TOKEN: SECRETS.notionToken,
        NOTION_DATABASE_ID: databaseId,
        NOTION_API_URL: notion.url,
        // Nothing listens on port 9: every ZenML call fails and its error carries the request that failed.
        ZENML_SERVER_URL: withCredentials('http://127.0.0.1:9', 'zenml-user', SECRETS.zenmlUrlPassword),
        ZENML_API_KEY: SECRETS.zenmlKey,
        SLACK_BOT_TOKEN: SECRETS.botToken,
        SLACK_SIGNING_SECRET: SECRETS.signingSecret,
        SLACK_APP_TOKEN: SECRETS.appToken,
        SLACK_SOCKET_MODE: 'false',
        SLACK_API_URL: slack.apiUrl,
        SLACK_APPROVALS_CHANNEL: 'C0APPROVALS',
        APPROVERS: 'U0BOB',
        REDIS_URL: redis.url,
        LOG_LEVEL: 'debug',
        STORE_PATH: tempStorePath('secrets'),
      },
      'app',
    );
    const logger = createLogger({
      level: 'debug',
      secrets: secretValues(config),
      name: 'modelsync',
      destination: { write: (s: string) => void lines.push(s) },
    });
    app = await startApp(config, { port: 0, schedule: false, logger });
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await notion?.stop();
    await redis?.stop();
  });

  it('never writes any configured secret, in any spelling, to a log line or a Slack message', async () => {
    const appUrl = `http://127.0.0.1:${app.port}`;
    const as = (userId: string) =>
      new SlackRequestHarness({ appUrl, signingSecret: SECRETS.signingSecret, emulator: slack, defaults: { userId, channelId: 'C0GENERAL' } });
    const alice = as('U0ALICE');
    const name = uniqueModelName('secrets');
    await createManagedModel(mlflowTestUrl(), { name, versions: 2, managedTag: MANAGED_TAG });

    const replies: string[] = [];
    const drive = async (text: string) => {
      const sent = await alice.command('/model', text);
      replies.push(sent.text);
      await until(() => slack.responses(sent.responseUrl).length > 0 || sent.text.length > 0, 60_000).catch(() => undefined);
      return sent;
    };
    await drive('help');
    await drive('list');
    await drive(`status ${name}`);
    await drive('status no-such-model-anywhere');
    await drive(`register ${name} runs:/0123456789abcdef0123456789abcdef/model`);
    await drive(`promote ${name} 1 staging`);
    await drive(`sync ${name}`);
    await drive(`promote ${name} 2 production`);
    // A user pasting a secret into a command: the reply may echo it to them, the logs must not.
    const pasted = await drive(`status ${SECRETS.botToken}`);
    const request = await until(() => slack.messages('C0APPROVALS').find((m) => messageText(m).includes(name)), 60_000);
    const id = buttons(request)[APPROVE_ACTION_ID] as string;
    await as('U0ALICE').blockAction({ actionId: APPROVE_ACTION_ID, value: id, messageTs: request.ts, channelId: 'C0APPROVALS' });
    await as('U0DAVE').blockAction({ actionId: REJECT_ACTION_ID, value: id, messageTs: request.ts, channelId: 'C0APPROVALS' });
    await as('U0BOB').blockAction({ actionId: APPROVE_ACTION_ID, value: id, messageTs: request.ts, channelId: 'C0APPROVALS' });
    await until(() => messageText(slack.messages('C0APPROVALS').find((m) => m.ts === request.ts)).includes('Approved'), 60_000);
    // Forged Slack request and a forged webhook delivery.
    expect((await alice.command('/model', 'help', {}, { badSignature: true })).status).toBe(401);
    const hook = await fetch(`${appUrl}/mlflow/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mlflow-signature': 'v1,forged' },
      body: '{"entity":"model_version"}',
    });
    expect(hook.status).toBeGreaterThanOrEqual(400);
    await app.core.reconcile.onDemand({ model: name, cleanupOrphans: false }).catch(() => undefined);

    const raw = lines.join('');
    expect(lines.length).toBeGreaterThan(20);
    // The app did log errors carrying requests (ZenML unreachable), so the search had something to find.
    expect(raw).toMatch(/zenml|ZenML/);
    // The reply to the user who pasted the bot token may echo what they typed (to them alone); nothing else may.
    const pastedId = decodeURIComponent(pasted.responseUrl.split('/').pop() ?? '');
    // Response-URL posts also show in the emulator's history as ephemerals; the echo to the paster is one of them.
    const messages = Object.values(slack.allMessages())
      .flat()
      .filter((m) => !(m.visibleTo === 'U0ALICE' && JSON.stringify(m).includes('SeCrEtBoTtOkEn')));
    const slackText = JSON.stringify({
      messages,
      responses: slack.responses().filter((r) => r.responseId !== pastedId),
      acks: replies.filter((r) => !r.includes('SeCrEtBoTtOkEn')),
    });
    const hits: string[] = [];
    for (const [key, secret] of Object.entries(SECRETS)) {
      for (const s of spellings(secret)) {
        if (raw.includes(s)) hits.push(`${key} in logs`);
        if (slackText.includes(s)) hits.push(`${key} in Slack`);
      }
    }
    expect(hits).toEqual([]);
    recordSlackFigure({
      fault: `secrets searched in every log line and Slack message (${Object.keys(SECRETS).length} secrets x 3 spellings)`,
      injected: lines.length,
      expectedEffects: 0,
      observedEffects: hits.length,
      losses: hits.length,
      detail: `${lines.length} log lines at debug, ${replies.length} commands, 3 clicks, 2 forged requests`,
    });
  });
});
