/** The demo's optional ZenML leg: the real ZenML server when .venv/zenml holds it, otherwise off with a reason. */
import { assertZenmlInstalled, startZenmlServer, type ZenmlServer } from '../zenml-server';

/** What the demo got: a running server and the app settings for it, or a note saying why ZenML is off. */
export interface DemoZenml {
  readonly server?: ZenmlServer;
  readonly env: Record<string, string>;
  readonly note?: string;
}

/** Whether to start ZenML at all; the reason when not (decided before ports are chosen). */
export function zenmlWanted(enabled: boolean): { readonly start: boolean; readonly note?: string } {
  if (!enabled) return { start: false, note: 'turned off with --no-zenml' };
  try {
    assertZenmlInstalled();
    return { start: true };
  } catch {
    return { start: false, note: 'not installed (bash scripts/setup-zenml.sh installs it; the next npm run demo starts it)' };
  }
}

/** Starts ZenML; never fails the demo (a ZenML problem only turns the leg off, with the reason). */
export async function startDemoZenml(options: { dataDir: string; port: number }): Promise<DemoZenml> {
  try {
    const server = await startZenmlServer({ dataDir: options.dataDir, port: options.port });
    return {
      server,
      env: { ZENML_SERVER_URL: server.url, ZENML_USERNAME: server.username, ZENML_PASSWORD: server.password, ZENML_PROJECT: server.project },
    };
  } catch (e) {
    return { env: {}, note: `the ZenML server did not start (${e instanceof Error ? e.message : String(e)})` };
  }
}
