/**
 * A fresh demo with the real ZenML server, as a new user meets it: the seed data must not come with "changed
 * outside modelsync" or "stage drift repaired" notices (ZenML twins used to be seeded in no stage, so the first
 * sync rightly reported four drifts about the demo's own data), and the ZenML links must open once signed in
 * with the login the banner prints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { banner, bannerLinks, checkLinks } from '../../scripts/demo/demo-banner';
import { DEMO_CHANNEL } from '../../scripts/demo/demo-workspace';
import { startDemo, type RunningDemo } from '../../scripts/demo/start-demo';

const ANY_FREE = { playground: 0, app: 0, mlflow: 0, notion: 0, slack: 0, zenml: 0 };

describe('a fresh demo with ZenML', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-demo-zenml-'));
  let demo: RunningDemo;
  const lines: string[] = [];

  beforeAll(async () => {
    demo = await startDemo({ dataDir, ports: ANY_FREE, logLevel: 'warn', progress: (l) => lines.push(l) });
  }, 300_000);
  afterAll(async () => {
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the real ZenML server and seeds its twins', () => {
    expect(demo.zenml.note).toBeUndefined();
    expect(demo.zenml.server).toBeDefined();
    expect(lines).toContain('Seeding the ZenML model versions (in the stages MLflow has)…');
  });

  it('opens with one message, the first sync report, and no notice about its own seed data', () => {
    const texts = demo.slack.messages(DEMO_CHANNEL.id).map((m) => m.text);
    expect(texts.filter((t) => /changed outside modelsync|drift/i.test(t))).toEqual([]);
    // (The hourly cron adds a "nothing to repair" report if the test runs across the hour.)
    expect(texts.filter((t) => !/^:white_check_mark: Scheduled sync: nothing to repair\. /.test(t))).toEqual([
      expect.stringMatching(/^Scheduled sync: created 5 · updated 0 · unchanged 0 · orphaned 0 · errors 0/),
    ]);
  });

  it('mirrors each MLflow stage in ZenML and links every Notion row to its ZenML version', async () => {
    const server = demo.zenml.server!;
    const login = await fetch(`${server.url}/api/v1/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: server.username, password: server.password }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const rows = demo.notionRows();
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.zenmlUrl).toMatch(new RegExp(`^${server.url}/api/v1/model_versions/[0-9a-f-]{36}$`));
      const twin = (await (await fetch(row.zenmlUrl!, { headers: { authorization: `Bearer ${token}` } })).json()) as { body: { stage: string | null } };
      expect({ version: row.version, stage: twin.body.stage ?? 'none' }).toEqual({ version: row.version, stage: row.stage.toLowerCase() });
    }
  });

  it("prints the ZenML login, and with it a browser's session opens the ZenML links (without it they answer 401)", async () => {
    const server = demo.zenml.server!;
    const zenmlLine = bannerLinks(demo).find((l) => l.label === 'ZenML');
    expect(zenmlLine?.note).toContain(`log in as ${server.username} / ${server.password}`);
    expect(banner(demo, 1)).toContain(`log in as ${server.username} / ${server.password}`);

    const link = demo.notionRows()[0]!.zenmlUrl!;
    expect((await fetch(link)).status).toBe(401);
    // What the dashboard's login form does: the server answers with its session cookie.
    const login = await fetch(`${server.url}/api/v1/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: server.username, password: server.password }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie).not.toBe('');
    expect((await fetch(link, { headers: { cookie } })).status).toBe(200);
  });

  it('opens every link of the banner', async () => {
    const checks = await checkLinks(demo);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.label)).toEqual(['Playground', 'MLflow UI', 'Notion (emu)', 'ZenML', 'The app', 'Slack (emu)']);
  });
});
