import { Client } from '@notionhq/client';
import { LATEST_API_VERSION, startNotionEmulator, type ApiVersion, type NotionEmulator, type NotionEmulatorOptions } from '../../../emulators/notion';

/** A started emulator plus a real SDK client pointed at it (no SDK retries unless asked for). */
export interface EmulatorFixture {
  readonly emulator: NotionEmulator;
  readonly client: Client;
}

/** Starts an emulator and a real @notionhq/client speaking its latest API version (2026-03-11, the app's). */
export async function startWithClient(options: NotionEmulatorOptions = {}, retry: false | { maxRetries: number } = false): Promise<EmulatorFixture> {
  const emulator = await startNotionEmulator(options);
  const client = new Client({ auth: emulator.token, baseUrl: emulator.url, notionVersion: LATEST_API_VERSION, retry, logger: () => {} });
  return { emulator, client };
}

/** Another real SDK client on the same emulator: another integration's token and/or another API version. */
export function clientFor(emulator: NotionEmulator, options: { token?: string; version?: ApiVersion } = {}): Client {
  return new Client({
    auth: options.token ?? emulator.token,
    baseUrl: emulator.url,
    notionVersion: options.version ?? LATEST_API_VERSION,
    retry: false,
    logger: () => {},
  });
}

/** The Notion error code an SDK call rejected with. */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; status: number; message: string; headers?: unknown }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; status: number; message: string; headers?: unknown };
    return { code: err.code, status: err.status, message: err.message, headers: err.headers };
  }
  throw new Error('expected the call to fail');
}

/** The schema used by most emulator tests (the ZenML mlflow_notion flavor's columns). */
export const MODEL_SCHEMA = {
  'Model Name': { title: {} },
  Version: { rich_text: {} },
  Stage: { select: { options: [{ name: 'None' }, { name: 'Staging', color: 'yellow' }, { name: 'Production', color: 'green' }] } },
  'Model Source URI': { url: {} },
  'Created At': { date: {} },
};

/** Request-shape title/rich_text value. */
export function text(content: string): Array<{ text: { content: string } }> {
  return [{ text: { content } }];
}
