/**
 * The sandbox's Workflows panel in a real browser, with the sandbox started as the README says: the
 * steps it offers are exactly manifest.yml's, a hold step run from it acts on the demo call and ends
 * with its outputs and a link into the call's thread, and a viewer's hang-up step fails with the
 * sentence a user reads. Acts only through the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepsOfManifest } from '../../src/sandbox/steps.js';
import { build, launchChromium, ROOT, SCREENSHOTS, scrollTo, startSandboxProcess, type SandboxProcess } from './browser.js';

const TIMEOUT = 15_000;
const MEMBER = '+14155551234';
let sandbox: SandboxProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const scriptErrors: string[] = [];

// What Workflow Builder will show: the panel's words come from here, so the test reads them here too.
const steps = stepsOfManifest(readFileSync(join(ROOT, 'manifest.yml'), 'utf8'));
const memberAction = steps.find((s) => s.callbackId === 'phlo_member_action');
function inputTitle(name: string): string {
  const title = memberAction?.inputs.find((i) => i.name === name)?.title;
  if (title === undefined) throw new Error(`manifest.yml: phlo_member_action declares no input ${name}`);
  return title;
}

const panel = (): Locator => page.getByRole('region', { name: 'Workflows' });
const field = (name: string): Locator => panel().getByLabel(inputTitle(name), { exact: true });
const runs = (): Locator => panel().locator('.wf-run');
const threadPane = (): Locator => page.locator('.thread-pane');
const simMember = (address: string): Locator => page.locator(`.sim-panel .call-node[data-node="support/queue"] li[data-address="${address}"]`);

async function seen(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function runMemberAction(user: RegExp, action: string): Promise<Locator> {
  const before = await runs().count();
  await panel().getByLabel('Step', { exact: true }).selectOption('phlo_member_action');
  const person = await field('user').locator('option', { hasText: user }).getAttribute('value');
  await field('user').selectOption(person ?? '');
  await field('channel').selectOption({ label: '# support' });
  await field('action').selectOption(action);
  await field('member').fill(MEMBER);
  await panel().getByRole('button', { name: 'Run step' }).click();
  await expect.poll(() => runs().count(), { timeout: TIMEOUT }).toBe(before + 1);
  // Newest first.
  return runs().first();
}

beforeAll(async () => {
  build();
  sandbox = await startSandboxProcess();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  await page.goto(sandbox.url);
  await seen(page.getByText('# support', { exact: true }));
  // The demo call the steps act on: Alice warm-transfers the caller in #support.
  await page.locator('main .composer-input').fill(`/phlo transfer warm ${MEMBER}`);
  await page.locator('main .composer-input').press('Enter');
  await seen(simMember(MEMBER));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe('the Workflows panel', () => {
  it("offers manifest.yml's steps by their titles, and a step's inputs as Workflow Builder asks for them", async () => {
    expect(steps.map((s) => s.callbackId).sort()).toEqual(['phlo_call', 'phlo_member_action', 'phlo_run', 'phlo_transfer']);
    const picker = panel().getByLabel('Step', { exact: true });
    expect(await picker.locator('option').allTextContents()).toEqual(steps.map((s) => s.title));
    await picker.selectOption('phlo_member_action');
    for (const input of memberAction?.inputs ?? []) {
      const label = panel().locator(`[data-input="${input.name}"] label`);
      await seen(label);
      expect(await label.textContent()).toBe(input.required ? input.title : `${input.title} (optional)`);
    }
    const choices = await field('action').locator('option').allTextContents();
    expect(choices.slice(1)).toEqual(memberAction?.inputs.find((i) => i.name === 'action')?.choices.map((c) => c.title));
  });

  it('refuses a run missing a required input, naming it, and starts nothing', async () => {
    await panel().getByLabel('Step', { exact: true }).selectOption('phlo_member_action');
    await field('action').selectOption('hold');
    await field('member').fill('');
    await panel().getByRole('button', { name: 'Run step' }).click();
    await seen(panel().getByRole('alert').getByText(`${inputTitle('member')} (member) is required`));
    expect(await runs().count()).toBe(0);
  });

  it('runs a hold step: completed with outcome ok, the member held, and a link to the reply in the thread', async () => {
    const run = await runMemberAction(/Alice/, 'hold');
    await seen(run.locator('.wf-state', { hasText: 'completed' }));
    await seen(run.locator('dd[data-output="outcome"]', { hasText: 'ok' }));
    await seen(simMember(MEMBER).getByText('held', { exact: true }));
    await run.locator('dd[data-output="thread_url"] a').click();
    await seen(threadPane().locator('.message', { hasText: `put ${MEMBER} on hold` }));
    await scrollTo(run);
    // test/sandbox/screenshots.ts makes docs/sandbox-workflows.png the same way; a test run leaves the docs alone.
    await page.screenshot({ path: join(SCREENSHOTS, 'wf-01-hold.png') });
  });

  it("fails a viewer's hang-up step with the permission sentence, and nothing reaches the call", async () => {
    const run = await runMemberAction(/Vic/, 'hangup');
    await seen(run.locator('.wf-state', { hasText: 'failed' }));
    await seen(run.locator('.wf-failure', { hasText: 'does not have the hangup permission' }));
    expect(await run.locator('.wf-outputs').count()).toBe(0);
    expect(await simMember(MEMBER).getByText('hung up').count()).toBe(0);
    await scrollTo(run);
    await page.screenshot({ path: join(SCREENSHOTS, 'wf-02-viewer-refused.png') });
  });

  it('raised no script errors', () => {
    expect(scriptErrors).toEqual([]);
  });
});
