/** What `npm run demo` prints once everything is up: where to click, each link with what it opens. */
import path from 'node:path';
import { DEMO_CHANNEL, DEMO_MODEL, DEMO_USERS } from './demo-workspace';
import type { RunningDemo } from './start-demo';

/** One line of the banner's link list. */
export interface BannerLink {
  readonly label: string;
  readonly url: string;
  readonly note: string;
}

/** Every link the banner prints (a test opens each one). */
export function bannerLinks(demo: RunningDemo): BannerLink[] {
  const zenml = demo.zenml.server;
  return [
    { label: 'MLflow UI', url: `${demo.mlflowUrl}/#/models/${DEMO_MODEL}`, note: 'real server; the source of truth' },
    { label: 'Notion (emu)', url: demo.notionDatabaseUrl, note: 'the demo database; each row opens its page' },
    ...(zenml
      ? [{ label: 'ZenML', url: zenml.url, note: `log in as ${zenml.username} / ${zenml.password}; then the ZenML links in Slack and Notion open` }]
      : []),
    { label: 'The app', url: `${demo.appUrl}/healthz`, note: `its health; Slack's requests go to /slack/events; log in ${path.join(demo.dataDir, 'app.log')}` },
    { label: 'Slack (emu)', url: `${demo.slackUrl}/__emulator/messages?channel=${DEMO_CHANNEL.id}`, note: `#${DEMO_CHANNEL.name} as JSON` },
  ];
}

/** The playground's address as people type it (the page listens on 127.0.0.1; browsers reach it as localhost). */
export function playgroundAddress(demo: RunningDemo): string {
  return demo.playgroundUrl.replace('127.0.0.1', 'localhost');
}

/** A link and what opening it gave: the HTTP status, or why there was none. */
export interface LinkCheck extends BannerLink {
  readonly status: number | string;
  readonly ok: boolean;
}

const LINK_TIMEOUT_MS = 15_000;

/** Opens the playground and every banner link once (`npm run demo -- --check`, and the demo tests). */
export async function checkLinks(demo: RunningDemo): Promise<LinkCheck[]> {
  const all = [{ label: 'Playground', url: playgroundAddress(demo), note: 'the page' }, ...bannerLinks(demo)];
  return Promise.all(
    all.map(async (link) => {
      try {
        const res = await fetch(link.url, { signal: AbortSignal.timeout(LINK_TIMEOUT_MS) });
        await res.arrayBuffer();
        return { ...link, status: res.status, ok: res.status === 200 };
      } catch (e) {
        return { ...link, status: e instanceof Error ? e.message : String(e), ok: false };
      }
    }),
  );
}

export function banner(demo: RunningDemo, seconds: number): string {
  const width = Math.max(...bannerLinks(demo).map((l) => l.url.length));
  const links = bannerLinks(demo).map((l) => `  ${l.label.padEnd(13)} ${l.url.padEnd(width)}  (${l.note})`);
  const zenmlOff = demo.zenml.server ? [] : [`  ${'ZenML'.padEnd(13)} off: ${demo.zenml.note ?? 'not installed'}`];
  const start = demo.seeded ? 'first start: seeded the demo data' : demo.reused ? 'reused the data of the last start' : 'started';
  return [
    '',
    `modelsync demo is ready in ${seconds.toFixed(1)} s (${start}). Open the playground:`,
    '',
    `    ${playgroundAddress(demo)}`,
    '',
    `  Try: as ${DEMO_USERS.requester.realName} type  /model promote churn 5 production`,
    `       switch "You are" to ${DEMO_USERS.approver.realName} (approver) and click Approve.`,
    '',
    ...links,
    ...zenmlOff,
    `  ${'Data'.padEnd(13)} ${demo.dataDir} (${demo.reused ? 'reused' : 'new'}; delete the folder to start over)`,
    '',
    'Ctrl-C stops everything.',
  ].join('\n');
}
