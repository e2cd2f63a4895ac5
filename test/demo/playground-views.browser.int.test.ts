/**
 * The form and the Home tab as a new user meets them in the demo: a real browser types a bare `/model`, picks the
 * model through the type-ahead and a version from the list, submits a promotion; the approver approves on their
 * Home tab, which then shows the new Production holder. Assertions read the page and MLflow's REST API.
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

  it('bare /model → form → approval request → approve on the Home tab → both Home tabs updated', async () => {
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

    const request = page.getByTestId('message').filter({ hasText: 'Promotion request: churn v5: None → Production' });
    await request.getByRole('button', { name: 'Approve' }).waitFor();
    expect(await mlflowStage(demo, '5')).toBe('None');

    await actAs(DEMO_USERS.approver);
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
  }, 240_000);
});
