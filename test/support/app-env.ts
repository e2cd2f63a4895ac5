/**
 * The environment of a working app on the test systems (the real MLflow server or a proxy in front of it, the Notion
 * and Slack emulators, a fresh SQLite file): tests override what they are about.
 */
import type { SlackEmulator } from '../../emulators/slack';
import { TEST_SIGNING_SECRET } from './slack-app';
import { tempStorePath } from './temp-store';

/** Where the app finds Notion. */
export interface NotionTarget {
  readonly token: string;
  readonly url: string;
  readonly databaseId: string;
}

/** `undefined` in `overrides` removes a variable (e.g. SLACK_SIGNING_SECRET for Socket Mode). */
export function appEnv(
  systems: { mlflowUrl: string; notion: NotionTarget; slack: SlackEmulator },
  overrides: Record<string, string | undefined> = {},
): Record<string, string> {
  const env: Record<string, string | undefined> = {
    MLFLOW_TRACKING_URI: systems.mlflowUrl,
    NOTION_API_TOKEN: systems.notion.token,
    NOTION_DATABASE_ID: systems.notion.databaseId,
    NOTION_API_URL: systems.notion.url,
    SLACK_BOT_TOKEN: systems.slack.botToken,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: systems.slack.apiUrl,
    // Production and @champion are protected by default, so the app refuses to start without approvers.
    APPROVERS: 'U0BOB',
    STORE_PATH: tempStorePath('app-env'),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}
