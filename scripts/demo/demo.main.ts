/**
 * `npm run demo`: the whole product on this machine with no Slack or Notion account. Starts everything (see
 * start-demo.ts) on 127.0.0.1, prints the playground's URL, and stops everything it started on Ctrl-C.
 * Every port can be set by a flag or an environment variable (see --help); a port not set that is in use is
 * replaced by a free one, and the demo says which.
 */
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../../src/config';
import { PROJECT_ROOT } from '../mlflow-server';
import { banner, checkLinks } from './demo-banner';
import { PORT_SETTINGS, type PortName } from './demo-ports';
import { DemoPrerequisiteError, requirePython } from './demo-prerequisites';
import { DEFAULT_DEMO_PORTS, type DemoPorts } from './demo-workspace';
import { startDemo } from './start-demo';

function portArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a TCP port number (1-65535, or 0 for any free port)');
  return n;
}

/** The option's key in commander's opts(): --app-port → appPort. */
function optionKey(name: PortName): string {
  return PORT_SETTINGS[name].flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function parseArgs(argv: string[]): { ports: Partial<DemoPorts>; zenml: boolean; check: boolean; dataDir: string } {
  const program = new Command('npm run demo --').description('The whole product on 127.0.0.1, with no Slack or Notion account.');
  for (const name of Object.keys(PORT_SETTINGS) as PortName[]) {
    const s = PORT_SETTINGS[name];
    program.addOption(
      new Option(`${s.flag} <n>`, `${s.what} port (default ${DEFAULT_DEMO_PORTS[name]}, or a free one if that is in use; 0: any free port)`)
        .env(s.env)
        .argParser(portArg),
    );
  }
  program
    .addOption(
      new Option('--data-dir <dir>', 'where the demo keeps its data (a second start reuses it)').env('DEMO_DATA_DIR').default(path.join(PROJECT_ROOT, '.demo')),
    )
    .option('--no-zenml', 'do not start the ZenML server even when it is installed')
    .option('--check', 'start, open every link of the banner once, print what each answered, stop (exit 1 if one failed)')
    .parse(argv);
  const opts = program.opts<Record<string, unknown>>();
  const ports: Partial<Record<PortName, number>> = {};
  for (const name of Object.keys(PORT_SETTINGS) as PortName[]) {
    const value = opts[optionKey(name)];
    if (typeof value === 'number') ports[name] = value;
  }
  return { ports, zenml: opts.zenml !== false, check: opts.check === true, dataDir: path.resolve(String(opts.dataDir)) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv);
  const elapsed = (): string => `${process.uptime().toFixed(1).padStart(5)} s`;
  requirePython();
  const demo = await startDemo({
    dataDir: args.dataDir,
    ports: args.ports,
    zenml: args.zenml,
    logLevel: process.env.LOG_LEVEL ?? 'info',
    progress: (line) => console.log(`  [${elapsed()}] ${line}`),
  });
  console.log(banner(demo, process.uptime()));
  if (args.check) {
    const checks = await checkLinks(demo);
    for (const c of checks) console.log(`  check ${c.ok ? 'ok ' : 'FAILED'} ${String(c.status).padEnd(4)} ${c.label}: ${c.url}`);
    await demo.stop();
    process.exit(checks.every((c) => c.ok) ? 0 : 1);
  }

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
