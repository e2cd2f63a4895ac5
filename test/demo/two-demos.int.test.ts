/**
 * Two demos side by side on one machine (another engineer's demo, AirPlay on port 5000, …): the second one finds
 * the first one's ports taken, picks others and says which; both listen on 127.0.0.1 only; every banner link of
 * each opens; a second start of the same data directory reuses it. Bounded: two demos without ZenML, one restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkLinks } from '../../scripts/demo/demo-banner';
import { PORT_SETTINGS, type PortName } from '../../scripts/demo/demo-ports';
import { DEMO_CHANNEL, DEMO_USERS } from '../../scripts/demo/demo-workspace';
import { startDemo, type RunningDemo } from '../../scripts/demo/start-demo';
import { listeningAddresses, loopbackOnly } from '../support/listeners';

const ANY_FREE = { playground: 0, app: 0, mlflow: 0, notion: 0, slack: 0, zenml: 0 };
const HOURLY_NOTHING_TO_REPAIR = /^:white_check_mark: Scheduled sync: nothing to repair\. created 0 · updated 0 /;
const STARTED: readonly PortName[] = ['playground', 'app', 'mlflow', 'notion', 'slack'];

/** What everyone in the demo channel sees (answers shown to one person left out). */
function channelTexts(demo: RunningDemo): string[] {
  return demo.slack
    .messages(DEMO_CHANNEL.id)
    .filter((m) => m.visibleTo === undefined)
    .map((m) => m.text);
}

describe('two demos side by side', () => {
  const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'modelsync-demo-pair-')));
  const [dirA, dirB] = dirs as [string, string];
  let a: RunningDemo | undefined;
  let b: RunningDemo | undefined;
  const bLines: string[] = [];

  beforeAll(async () => {
    a = await startDemo({ dataDir: dirA, ports: ANY_FREE, zenml: false, logLevel: 'warn' });
    // B's defaults are A's ports, as 5000 is AirPlay's on a Mac: every one of them is taken.
    b = await startDemo({ dataDir: dirB, defaultPorts: a.ports, zenml: false, logLevel: 'warn', progress: (l) => bLines.push(l) });
  }, 300_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('gives the second demo other ports and says, for each, which one it took', () => {
    const [first, second] = [a as RunningDemo, b as RunningDemo];
    for (const name of STARTED) {
      expect(second.ports[name]).not.toBe(first.ports[name]);
      expect(bLines).toContain(
        `port ${first.ports[name]} (${PORT_SETTINGS[name].what}) is in use; using ${second.ports[name]} (${PORT_SETTINGS[name].flag} sets it)`,
      );
    }
  });

  it('binds every service of both demos to 127.0.0.1 only (the app included)', () => {
    for (const demo of [a, b] as RunningDemo[]) {
      for (const name of STARTED) {
        const addresses = listeningAddresses(demo.ports[name]);
        expect({ name, loopbackOnly: loopbackOnly(addresses), addresses }).toEqual({ name, loopbackOnly: true, addresses: ['127.0.0.1'] });
      }
    }
  });

  it("opens every link of each demo's banner, each demo's own", async () => {
    const [first, second] = [await checkLinks(a as RunningDemo), await checkLinks(b as RunningDemo)];
    for (const checks of [first, second]) {
      expect(checks.filter((c) => !c.ok)).toEqual([]);
      expect(checks.map((c) => c.label)).toEqual(['Playground', 'MLflow UI', 'Notion (emu)', 'The app', 'Slack (emu)']);
    }
    const urls = new Set([...first, ...second].map((c) => c.url));
    expect(urls.size).toBe(first.length + second.length);
  });

  it('reuses a data directory on its next start: same ports, nothing seeded, no notices about the seed data', async () => {
    const before = (a as RunningDemo).ports;
    const firstMessages = channelTexts(a as RunningDemo);
    await a?.stop();
    a = undefined;
    for (const name of STARTED) expect(listeningAddresses(before[name])).toEqual([]);

    const lines: string[] = [];
    a = await startDemo({ dataDir: dirA, defaultPorts: ANY_FREE, zenml: false, logLevel: 'warn', progress: (l) => lines.push(l) });
    // It answers: a command typed in its playground reaches its app. First, because that also settles the app's
    // start-up Slack call (auth.test), which would otherwise keep retrying after a stop and hold the process.
    const sent = await fetch(`${a.playgroundUrl}/api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: DEMO_USERS.requester.id, text: '/model status churn' }),
    });
    expect(await sent.json()).toEqual({ status: 200 });
    expect({ seeded: a.seeded, reused: a.reused }).toEqual({ seeded: false, reused: true });
    expect(a.ports).toMatchObject(Object.fromEntries(STARTED.map((n) => [n, before[n]])));
    expect(lines).toContain(`Reusing ${dirA}: MLflow data, the Notion database, Slack history (delete the folder to start over)`);
    expect(lines.filter((l) => /Seeding|First sync/.test(l))).toEqual([]);
    expect(a.notionRows().map((r) => `v${r.version} ${r.stage}`)).toEqual(['v5 None', 'v4 Staging', 'v3 Production', 'v2 Archived', 'v1 Archived']);

    // The channel holds what the first start posted (its first sync's report), restored, and nothing new. (The
    // hourly cron may have added its "nothing to repair" report if the test ran across the hour.)
    const texts = channelTexts(a);
    expect(texts).toEqual(firstMessages);
    expect(texts.filter((t) => !HOURLY_NOTHING_TO_REPAIR.test(t))).toEqual([
      expect.stringMatching(/^Scheduled sync: created 5 · updated 0 · unchanged 0 · orphaned 0 · errors 0/),
    ]);
  }, 240_000);
});
