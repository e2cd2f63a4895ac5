/**
 * Item 5: concurrent signed `/model status` requests into the real app (Bolt over HTTP, built by startApp from
 * a config, in its own process), with Slack's Web API and response URLs served by the Slack emulator. Ack
 * latency is the HTTP round trip of the slash command; "answered" is when the emulator recorded the post to
 * that command's response URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSlackEmulator } from '../../emulators/slack';
import { SlackRequestHarness } from '../../test/support/slack-requests';
import { startAppProcess, stopAppProcess } from '../support/app-child';
import type { BenchWorld, Tier } from '../support/world';

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const ANSWER_TIMEOUT_MS = 120_000;

/** Latency figures of one burst of commands. */
export interface CommandMeasure {
  readonly requests: number;
  readonly acked: number;
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  readonly ackMaxMs: number;
  readonly answered: number;
  readonly answerP50Ms: number;
  readonly answerP99Ms: number;
  readonly mlflowRequests: number;
  readonly mlflowPerCommand: number;
  /** Ack p50 of the same command sent one at a time first: the machine's floor without the burst. */
  readonly sequentialAckP50Ms: number;
}

/** Commands sent one at a time before the burst. */
const SEQUENTIAL_SAMPLES = 10;

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

export async function measureCommands(world: BenchWorld, tier: Tier, count: number): Promise<CommandMeasure> {
  const slack = await startSlackEmulator();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-bench-app-'));
  slack.workspace.setMaxListeners(count + 10);
  const { child, port } = await startAppProcess({
    MLFLOW_TRACKING_URI: world.mlflowProxy.url,
    MLFLOW_UI_URL: world.mlflowUrl,
    NOTION_API_TOKEN: world.notion.token,
    NOTION_DATABASE_ID: tier.databaseId,
    NOTION_API_URL: world.notionProxy.url,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    APPROVERS: 'U0APPROVER',
    MANAGED_TAG: tier.managedTag,
    STORE_PATH: path.join(dir, 'store.sqlite'),
    LOG_LEVEL: 'silent',
  });
  const harness = new SlackRequestHarness({ appUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET, emulator: slack });
  try {
    const sequential: number[] = [];
    for (let i = 0; i < SEQUENTIAL_SAMPLES; i += 1) {
      const t0 = performance.now();
      const sent = await harness.command('/model', `status ${tier.models[i % tier.models.length] as string}`);
      if (sent.status === 200) sequential.push(performance.now() - t0);
      await slack.waitFor((e) => e.responses(sent.responseUrl).length > 0, ANSWER_TIMEOUT_MS);
    }
    world.resetCounts();
    const acks: number[] = [];
    const answers: number[] = [];
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const model = tier.models[i % tier.models.length] as string;
        const t0 = performance.now();
        const sent = await harness.command('/model', `status ${model}`);
        if (sent.status === 200) acks.push(performance.now() - t0);
        try {
          await slack.waitFor((e) => e.responses(sent.responseUrl).length > 0, ANSWER_TIMEOUT_MS);
          answers.push(performance.now() - t0);
        } catch {
          // counted as unanswered
        }
      }),
    );
    const mlflowRequests = world.mlflowProxy.requests().length;
    return {
      requests: count,
      acked: acks.length,
      ackP50Ms: percentile(acks, 50),
      ackP99Ms: percentile(acks, 99),
      ackMaxMs: Math.max(0, ...acks),
      answered: answers.length,
      answerP50Ms: percentile(answers, 50),
      answerP99Ms: percentile(answers, 99),
      mlflowRequests,
      mlflowPerCommand: mlflowRequests / count,
      sequentialAckP50Ms: percentile(sequential, 50),
    };
  } finally {
    await stopAppProcess(child);
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
