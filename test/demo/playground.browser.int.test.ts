/**
 * The demo as a new user meets it: `startDemo` brings up the real MLflow server, the Notion and Slack emulators, the
 * app and the playground; a real browser (Debian's chromium via playwright-core) types the command, switches users
 * and clicks the buttons. The assertions read what the page shows and what MLflow's REST API reports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../scripts/demo/demo-workspace';
import { startDemo, type RunningDemo } from '../../scripts/demo/start-demo';
import { launchChromium, screenshotPath } from './support/browser';

const UI_TIMEOUT_MS = 20_000;
/** The page's globals, as far as the callbacks run in the browser use them (the project compiles without the DOM lib). */
declare const window: { innerWidth: number; innerHeight: number };
declare const document: { scrollingElement: { scrollHeight: number } | null; querySelectorAll(selector: string): { length: number } };

async function mlflowStage(demo: RunningDemo, version: string): Promise<string> {
  const res = await fetch(`${demo.mlflowUrl}/api/2.0/mlflow/model-versions/get?name=churn&version=${version}`);
  const body = (await res.json()) as { model_version: { current_stage: string } };
  return body.model_version.current_stage;
}

describe('the demo playground in a real browser', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-demo-'));
    browser = await launchChromium();
    demo = await startDemo({ dataDir, ports: { playground: 0, app: 0, mlflow: 0, notion: 0, slack: 0, zenml: 0 }, zenml: false, logLevel: 'warn' });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(demo.playgroundUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const actAs = async (user: { id: string }) => {
    await page.getByTestId('user-switch').selectOption(user.id);
  };
  const typeCommand = async (text: string) => {
    await page.getByTestId('composer').fill(text);
    await page.getByTestId('composer').press('Enter');
  };
  const message = (text: string | RegExp): Locator => page.getByTestId('message').filter({ hasText: text });
  const notionStage = (version: string): Locator => page.locator(`[data-testid=notion-row][data-version="${version}"] [data-testid=notion-stage]`);

  it('shows the seeded model: five Notion rows from the first sync, v3 in Production and v4 in Staging', async () => {
    await expectText(notionStage('3'), 'Production');
    await expectText(notionStage('4'), 'Staging');
    await expectText(notionStage('5'), 'None');
    await message(/Scheduled sync/)
      .first()
      .waitFor();
  });

  it('shows the answer to a mistyped command at once, to its sender only', async () => {
    await actAs(DEMO_USERS.requester);
    await typeCommand('/model promte churn 5 production');
    const answer = page
      .locator(`[data-testid=message][data-user=${demo.slack.workspace.identity.botUserId}][data-ephemeral=true]`)
      .filter({ hasText: 'Unknown sub-command' });
    await expectText(answer, 'Did you mean /model promote?');
    await actAs(DEMO_USERS.approver);
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while ((await answer.count()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await answer.count()).toBe(0);
  });

  it('promotes v5 to Production: the requester asks, the approver approves, and every system follows', async () => {
    await actAs(DEMO_USERS.requester);
    await typeCommand('/model promote churn 5 production');
    const request = message('Promotion request: churn v5: None → Production');
    await request.getByRole('button', { name: 'Approve' }).waitFor();
    await expectText(request, /accuracy: 0\.917/);
    await page.screenshot({ path: screenshotPath('1-approval-requested') });

    await actAs(DEMO_USERS.approver);
    await request.getByRole('button', { name: 'Approve' }).click();
    await expectText(request, /Approved by @bob/);
    expect(await request.getByRole('button').count()).toBe(0);

    const notice = message(/Requested by @alice, approved by @bob/).filter({ hasText: 'churn v5: None → Production' });
    await notice.waitFor();
    // One notice: the promotion first (its links first), then the version it archived.
    expect(await notice.getByRole('link', { name: 'MLflow' }).first().getAttribute('href')).toContain('/#/models/churn/versions/5');
    expect(await notice.getByRole('link', { name: 'Notion' }).first().getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}$/);
    await expectText(notice, /churn v3: Production → Archived, replaced by v5/);
    await message(/churn v3: Production → Archived/).waitFor();

    await expectText(notionStage('5'), 'Production');
    await expectText(notionStage('3'), 'Archived');
    expect(await mlflowStage(demo, '5')).toBe('Production');
    expect(await mlflowStage(demo, '3')).toBe('Archived');
    await page.screenshot({ path: screenshotPath('2-approved') });
  });

  it('refuses an Approve click from someone who is not an approver, and nothing changes', async () => {
    await actAs(DEMO_USERS.requester);
    await typeCommand('/model promote churn 4 production');
    const request = message('Promotion request: churn v4: Staging → Production');
    await request.getByRole('button', { name: 'Approve' }).waitFor();

    await actAs(DEMO_USERS.outsider);
    await request.getByRole('button', { name: 'Approve' }).click();
    const refusal = page.locator('[data-testid=message][data-ephemeral=true]').filter({ hasText: /not allowed/ });
    await refusal.waitFor();
    await page.screenshot({ path: screenshotPath('3-not-allowed') });
    expect(await request.getByRole('button', { name: 'Approve' }).count()).toBe(1);
    expect(await mlflowStage(demo, '4')).toBe('Staging');
  });

  it('rejects through the reason modal: an empty reason is refused in the modal, a real one lands on the request', async () => {
    await actAs(DEMO_USERS.approver);
    const request = message('Promotion request: churn v4: Staging → Production');
    await request.getByRole('button', { name: 'Reject' }).click();
    const modal = page.getByTestId('modal');
    await modal.waitFor();
    await modal.locator('textarea').fill(' ');
    await page.getByTestId('modal-submit').click();
    await expectText(modal.locator('.bk-input-error'), /reason/);

    await modal.locator('textarea').fill('f1 on the holdout set is below v5');
    await page.getByTestId('modal-submit').click();
    await modal.waitFor({ state: 'hidden' });
    await expectText(request, /Rejected by @bob/);
    await expectText(request, /f1 on the holdout set is below v5/);
    expect(await mlflowStage(demo, '4')).toBe('Staging');
  });

  it('runs the scheduled sync on demand and shows its report in the channel', async () => {
    const before = await message(/Scheduled sync/).count();
    await page.getByTestId('run-sync').click();
    await expectText(page.getByRole('status'), /Scheduled sync done: created 0, updated \d+, unchanged \d+, orphaned 0, errors 0/);
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while ((await message(/Scheduled sync/).count()) <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await message(/Scheduled sync/).count()).toBe(before + 1);
    await page.screenshot({ path: screenshotPath('4-scheduled-sync') });
  });

  it('keeps the input and the newest reply in view at 1280×720 after 30 messages, and scrolls like Slack', async () => {
    const small = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    small.setDefaultTimeout(UI_TIMEOUT_MS);
    try {
      await small.goto(demo.playgroundUrl);
      await small.getByTestId('user-switch').selectOption(DEMO_USERS.requester.id);
      const composer = small.getByTestId('composer');
      // 15 commands: each one's echo and the app's answer (shown to the sender only) make 30 messages.
      for (let i = 1; i <= 15; i += 1) {
        await composer.fill(`/model check-${i}`);
        await composer.press('Enter');
        await small
          .getByTestId('message')
          .filter({ hasText: `Unknown sub-command check-${i}` })
          .waitFor();
      }
      expect(await small.getByTestId('message').count()).toBeGreaterThanOrEqual(30);
      const newest = small.getByTestId('message').last();
      expect(await newest.textContent()).toContain('Unknown sub-command check-15');
      await expectInView(small, composer);
      await expectInView(small, newest);
      expect(await small.evaluate(() => (document.scrollingElement?.scrollHeight ?? 0) <= window.innerHeight)).toBe(true);
      await small.screenshot({ path: screenshotPath('5-thirty-messages-1280x720') });

      // Scrolled up to read, a new message neither moves the view nor hides: "New messages" leads down to it.
      await small.getByTestId('messages').evaluate((box) => box.scrollTo({ top: 0 }));
      const before = await small.getByTestId('message').count();
      await small.getByTestId('run-sync').click();
      await small.waitForFunction((n) => document.querySelectorAll('[data-testid=message]').length > n, before);
      expect(await small.getByTestId('messages').evaluate((box) => box.scrollTop)).toBe(0);
      await small.getByTestId('jump-latest').click();
      await expectInView(small, small.getByTestId('message').last());
      expect(await small.getByTestId('jump-latest').isHidden()).toBe(true);
      await expectInView(small, composer);
    } finally {
      await small.close();
    }
  }, 180_000);
});

/**
 * Fails unless the element is inside the window and, when it is a message, its end is in the visible part of the
 * message list (a reply taller than the list shows its last lines, as in Slack).
 */
async function expectInView(page: Page, locator: Locator): Promise<void> {
  const where = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const list = el.closest('[data-testid=messages]')?.getBoundingClientRect();
    return {
      box: `${Math.round(r.top)}..${Math.round(r.bottom)}`,
      inWindow: r.left >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight && (list !== undefined || r.top >= 0),
      endInList: list === undefined || (r.bottom <= list.bottom + 1 && r.bottom > list.top),
    };
  });
  expect(where).toEqual({ box: where.box, inWindow: true, endInList: true });
  expect(page.viewportSize()).toEqual({ width: 1280, height: 720 });
}

/** Waits until the locator's text matches (Playwright's auto-waiting, without @playwright/test's expect). */
async function expectText(locator: Locator, wanted: string | RegExp): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    last =
      (await locator
        .first()
        .textContent({ timeout: UI_TIMEOUT_MS })
        .catch(() => null)) ?? '';
    if (typeof wanted === 'string' ? last.includes(wanted) : wanted.test(last)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`expected ${String(wanted)} in the page, last saw: ${last.slice(0, 300)}`);
}
