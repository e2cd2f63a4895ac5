/**
 * The journey of issue 15 as a new user meets it in the demo: a real browser types a bare `/model`, picks the model
 * through the type-ahead and a version from the list, submits a promotion; the request lands in the channel with the
 * approver mentioned (highlighted for them); the approver approves on their Home tab; the approved change is answered
 * in the request's thread, the requester gets a direct message, and both Home tabs show it. Then a pasted MLflow
 * link is unfurled under the message. Assertions read the page and MLflow's REST API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../scripts/demo/demo-workspace';
import { startDemo, type RunningDemo } from '../../scripts/demo/start-demo';
import { launchChromium, screenshotPath } from './support/browser';

const UI_TIMEOUT_MS = 30_000;

async function mlflowStage(demo: RunningDemo, version: string): Promise<string> {
  const res = await fetch(`${demo.mlflowUrl}/api/2.0/mlflow/model-versions/get?name=churn&version=${version}`);
  return ((await res.json()) as { model_version: { current_stage: string } }).model_version.current_stage;
}

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
  throw new Error(`expected ${String(wanted)} in the page, last saw: ${last.slice(0, 400)}`);
}

describe('the demo playground: the /model form and the Home tab in a real browser', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-demo-views-'));
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

  const actAs = (user: { id: string }) => page.getByTestId('user-switch').selectOption(user.id);

  it('bare /model → form → request in the channel, approver mentioned → approve on the Home tab → reply in the request thread, requester DM, both Home tabs updated', async () => {
    await actAs(DEMO_USERS.requester);
    await page.getByTestId('composer').fill('/model');
    await page.getByTestId('composer').press('Enter');
    const modal = page.getByTestId('modal');
    await modal.waitFor();

    // Type-ahead answered by the app (block_suggestion), then the model's versions (views.update).
    await modal.getByTestId('external-select-model_pick').fill('chu');
    const suggestions = modal.locator('.bk-external-list');
    await suggestions.locator('option', { hasText: 'churn' }).waitFor({ state: 'attached' });
    await suggestions.selectOption('churn');
    const version = modal.locator('select[data-action-id=version_pick]');
    await version.locator('option[value="5"]').waitFor({ state: 'attached' });
    await expectText(version.locator('option[value="3"]'), 'v3 · Production');
    await version.selectOption('5');
    await modal.locator('select[data-action-id=action_pick]').selectOption('stage:Production');
    await page.screenshot({ path: screenshotPath('6-model-form') });
    await page.getByTestId('modal-submit').click();
    await expectText(modal, /Approval requested/);
    await page.getByTestId('modal-cancel').click();

    const messages = page.getByTestId('messages');
    const request = messages.getByTestId('message').filter({ hasText: 'Promotion request: churn v5: None → Production' });
    await request.getByRole('button', { name: 'Approve' }).waitFor();
    expect(await mlflowStage(demo, '5')).toBe('None');
    // The approver is mentioned on the request (Slack pings them); no thread yet.
    await expectText(request.locator(`[data-mention=${DEMO_USERS.approver.id}]`), '@bob');
    const bobPinged = request.locator(`.mention-me[data-mention=${DEMO_USERS.approver.id}]`);
    expect(await bobPinged.count()).toBe(0);
    expect(await request.getByTestId('thread-link').count()).toBe(0);
    expect(await page.getByTestId('dm-unread').isHidden()).toBe(true);

    await actAs(DEMO_USERS.approver);
    // Read by the approver, the mention is theirs: highlighted, as Slack shows a ping.
    await expectText(bobPinged, '@bob');
    await page.getByTestId('home-tab').click();
    const home = page.getByTestId('home');
    await expectText(home, 'Waiting for you (1)');
    await page.screenshot({ path: screenshotPath('7-home-waiting') });
    await home.getByRole('button', { name: 'Approve' }).click();
    await expectText(home, 'Nothing waits for your approval.');
    await expectText(home, /churn · Production: v5/);
    expect(await mlflowStage(demo, '5')).toBe('Production');
    await page.screenshot({ path: screenshotPath('8-home-approved') });

    await actAs(DEMO_USERS.requester);
    await expectText(page.getByTestId('home'), 'You have no request waiting for an approver.');

    // The requester's direct message from the app: an unread badge, then the message in the app's Messages.
    await expectText(page.getByTestId('dm-unread'), '1');
    await page.getByTestId('dm-tab').click();
    const dm = page.getByTestId('direct').getByTestId('message');
    await expectText(dm, /Your request churn v5 → Production was approved by @bob; it is done\./);
    expect(await dm.count()).toBe(1);
    await expectText(dm, 'The request and its thread are in #ml-models.');
    expect(await page.getByTestId('dm-unread').isHidden()).toBe(true);
    await page.screenshot({ path: screenshotPath('9-requester-dm') });

    // Back in the channel: the request has one reply, the approved change, also sent to the channel.
    await page.locator('#channel-name').click();
    await expectText(request.getByTestId('thread-link'), '1 reply');
    await expectText(request, /Approved by @bob/);
    const broadcast = messages.getByTestId('message').filter({ has: page.getByTestId('thread-broadcast') });
    await expectText(broadcast, /replied to a thread: .*churn v5/);
    await expectText(broadcast, /churn v5: None → Production/);
    await request.getByTestId('thread-link').click();
    const thread = page.getByTestId('thread');
    await thread.waitFor();
    const replies = thread.getByTestId('message');
    await expectText(replies.first(), 'Promotion request: churn v5: None → Production');
    expect(await replies.count()).toBe(2);
    await expectText(replies.nth(1), /churn v5: None → Production/);
    await expectText(replies.nth(1), /Requested by @alice, approved by @bob/);
    await expectText(replies.nth(1), /churn v3: Production → Archived, replaced by v5/);
    await expectText(replies.nth(1), 'Also sent to the channel');
    expect(await replies.nth(1).getByRole('link', { name: 'MLflow' }).first().getAttribute('href')).toContain('/#/models/churn/versions/5');
    await page.screenshot({ path: screenshotPath('10-approved-in-thread') });
    await page.getByTestId('thread-close').click();
  }, 240_000);

  it('unfurls an MLflow link pasted in the message box: link_shared to the app, chat.unfurl back, shown under the message', async () => {
    await actAs(DEMO_USERS.requester);
    const before = demo.slack.calls('chat.unfurl').length;
    const url = `${demo.mlflowUrl}/#/models/churn/versions/5`;
    await page.getByTestId('composer').fill(`Is ${url} the one we ship?`);
    await page.getByTestId('composer').press('Enter');
    const shared = page.getByTestId('messages').getByTestId('message').filter({ hasText: 'the one we ship?' });
    await expectText(shared, 'Is ');
    const unfurl = shared.getByTestId('unfurl');
    await expectText(unfurl, `churn v5 · ${await mlflowStage(demo, '5')}`);
    expect(await unfurl.getAttribute('data-url')).toBe(url);
    expect(await unfurl.getByRole('link', { name: 'Notion' }).count()).toBe(1);
    // The preview came from the app's chat.unfurl, which the emulator accepted as valid Block Kit.
    expect(demo.slack.calls('chat.unfurl').slice(before)).toEqual([expect.objectContaining({ ok: true })]);
    await page.screenshot({ path: screenshotPath('11-unfurl') });

    // Other hosts are not the app's unfurl domain: posted as a plain link, the app is not asked.
    await page.getByTestId('composer').fill('see https://example.com/x for context');
    await page.getByTestId('composer').press('Enter');
    const plain = page.getByTestId('messages').getByTestId('message').filter({ hasText: 'for context' });
    expect(await plain.getByRole('link', { name: 'https://example.com/x' }).getAttribute('href')).toBe('https://example.com/x');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await plain.getByTestId('unfurl').count()).toBe(0);
    expect(demo.slack.calls('chat.unfurl').slice(before)).toHaveLength(1);
  }, 120_000);
});
