/**
 * Makes the README's pictures of the sandbox from the sandbox as it is now, started as the README
 * says: `npx tsx test/sandbox/screenshots.ts` writes docs/sandbox.png (a warm transfer's card and its
 * thread, with the PHLO simulator and the Workflows panel beside them) and docs/sandbox-workflows.png (a
 * hold step run from the Workflows panel, ended, with the call's thread). Not a test: the docs change
 * only when someone runs it.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { build, launchChromium, ROOT, scrollTo, startSandboxProcess } from './browser.js';

const MEMBER = '+14155551234';
const TIMEOUT = 15_000;

async function seen(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function warmTransfer(page: Page): Promise<void> {
  await page.locator('main .composer-input').fill(`/phlo transfer warm ${MEMBER}`);
  await page.locator('main .composer-input').press('Enter');
  const card = page.locator('main .message-list .message').filter({ hasText: 'Call on Support line' }).first();
  await seen(card.locator('.thread-link'));
  await card.locator('.thread-link').click();
  await seen(page.locator('.thread-pane .thread-list > .message').nth(1));
  await seen(page.locator(`.sim-panel li[data-address="${MEMBER}"]`));
}

async function holdStep(page: Page): Promise<void> {
  const panel = page.getByRole('region', { name: 'Workflows' });
  await panel.getByLabel('Step', { exact: true }).selectOption('phlo_member_action');
  await panel.locator('[data-input="user"] select').selectOption({ label: 'Alice Agent · agent' });
  await panel.locator('[data-input="channel"] select').selectOption({ label: '# support' });
  await panel.locator('[data-input="action"] select').selectOption('hold');
  await panel.locator('[data-input="member"] input, [data-input="member"] textarea').first().fill(MEMBER);
  await panel.getByRole('button', { name: 'Run step' }).click();
  const run = panel.locator('.wf-run').first();
  await seen(run.locator('.wf-state', { hasText: 'completed' }));
  await run.locator('dd[data-output="thread_url"] a').click();
  await seen(page.locator('.thread-pane .message', { hasText: 'on hold' }));
  await scrollTo(panel.locator('.wf-run').first());
}

build();
const sandbox = await startSandboxProcess();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(sandbox.url);
  await seen(page.getByText('# support', { exact: true }));
  await warmTransfer(page);
  await page.screenshot({ path: join(ROOT, 'docs/sandbox.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await holdStep(page);
  await page.screenshot({ path: join(ROOT, 'docs/sandbox-workflows.png') });
} finally {
  await browser.close();
  await sandbox.stop();
}
