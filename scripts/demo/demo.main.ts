/**
 * `npm run demo`: the whole product on this machine with no Slack or Notion account. Starts everything (see
 * start-demo.ts), prints the playground's URL, and stops everything it started on Ctrl-C. Data stays in ./.demo.
 *   --port N      the playground's port (default 3000)
 *   --no-zenml    do not start ZenML even when installed
 */
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../../src/config';
import { PROJECT_ROOT } from '../mlflow-server';
import { DemoPrerequisiteError, requirePython } from './demo-prerequisites';
import { DEFAULT_DEMO_PORTS, DEMO_USERS } from './demo-workspace';
import { startDemo } from './start-demo';

function portArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('expected a TCP port number (1-65535)');
  return n;
}

async function main(): Promise<void> {
  const started = Date.now();
  const opts = new Command('demo')
    .option('--port <n>', 'port of the playground page', portArg, DEFAULT_DEMO_PORTS.playground)
    .option('--no-zenml', 'do not start the ZenML server even when it is installed')
    .parse(process.argv)
    .opts<{ port: number; zenml: boolean }>();
  requirePython();
  const dataDir = path.join(PROJECT_ROOT, '.demo');
  const demo = await startDemo({
    dataDir,
    ports: { playground: opts.port },
    zenml: opts.zenml,
    logLevel: process.env.LOG_LEVEL ?? 'info',
    progress: (line) => console.log(`  ${line}`),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
modelsync demo is ready in ${seconds} s. Open the playground:

    ${demo.playgroundUrl.replace('127.0.0.1', 'localhost')}

  Try: as ${DEMO_USERS.requester.realName} type  /model promote churn 5 production
       switch "You are" to ${DEMO_USERS.approver.realName} (approver) and click Approve.

  MLflow UI     ${demo.mlflowUrl}            (real server; source of truth)
  Notion (emu)  ${demo.notionUrl}            (the demo database, as HTML pages)
  ZenML         ${demo.zenml.server ? demo.zenml.server.url : `off: ${demo.zenml.note ?? 'not installed'}`}
  The app       ${demo.appUrl}/slack/events  (unchanged; log in .demo/app.log)
  Slack (emu)   ${demo.slackUrl}/__emulator/messages
  Data          ${dataDir}${demo.seeded ? ' (seeded now)' : ' (reused; delete the folder to start over)'}

Ctrl-C stops everything.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    demo.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof DemoPrerequisiteError || e instanceof ConfigError) console.error(`demo: ${e.message}`);
  else console.error(`demo could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
