/**
 * Four eyes in the sandbox, as the README invites a newcomer to try it: the agent asks for a hang-up
 * that needs approval, the supervisor opens the app's Home tab and clicks Approve or Reject there, and
 * the call's thread shows what became of it. Acts only through the page, like a person; elements are
 * found by the Block Kit ids the app builds with and found again after each redraw.
 */
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL_ACTION_IDS, BLOCK_IDS, HOME_BLOCK_IDS } from '../../src/views/ids.js';
import { build, launchChromium, SCREENSHOTS, startSandboxProcess, type SandboxProcess } from './browser.js';

const TIMEOUT = 15_000;
const MEMBER = '+14155551234';
let sandbox: SandboxProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const scriptErrors: string[] = [];

const composer = (): Locator => page.locator('main .composer-input');
const card = (): Locator => page.locator('main .message-list .message').filter({ hasText: 'Call on Support line' }).first();
const threadPane = (): Locator => page.locator('.thread-pane');
const simMember = (): Locator => page.locator(`.sim-panel .call-node[data-node="support/queue"] li[data-address="${MEMBER}"]`);
/** Requests for approval in the call's thread, newest last. */
const requests = (): Locator => threadPane().locator('.thread-list > .message').filter({ has: page.locator(`[data-block-id="${BLOCK_IDS.approvalText}"]`) });

async function seen(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function type(text: string): Promise<void> {
  await composer().fill(text);
  await composer().press('Enter');
}

async function actAs(name: RegExp, role: string): Promise<void> {
  const select = page.getByLabel('Act as');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value ?? '');
  await seen(page.locator('.role-card', { hasText: role }));
}

async function openSupport(): Promise<void> {
  await page.getByRole('button', { name: '# support' }).click();
  await seen(card());
  if (!(await threadPane().isVisible())) await card().locator('.thread-link').click();
  await seen(threadPane());
}

/**
 * The Home tab's button for the waiting request about MEMBER. Each waiting request is a section
 * `home_waiting_<n>` followed by its buttons in `home_waiting_actions_<n>`; `n` is read afresh each time,
 * since the tab is redrawn whenever the app publishes it.
 */
async function homeButton(actionId: string): Promise<Locator> {
  const section = page.locator(`.home [data-block-id^="${HOME_BLOCK_IDS.waiting}_"]`).filter({ hasText: MEMBER }).filter({ hasNot: page.locator('button') });
  await seen(section);
  const blockId = await section.first().getAttribute('data-block-id');
  const index = blockId?.slice(`${HOME_BLOCK_IDS.waiting}_`.length);
  return page.locator(`.home [data-block-id="${HOME_BLOCK_IDS.waiting}_actions_${index ?? ''}"] button[data-action-id="${actionId}"]`);
}

/** Alice asks to hang up MEMBER; the request waits in the call's thread. Answers how many requests it holds. */
async function agentAsksToHangUp(): Promise<number> {
  await actAs(/Alice/, 'agent');
  await openSupport();
  const before = await requests().count();
  await type(`/phlo hangup ${MEMBER}`);
  await seen(page.locator('main .message.ephemeral', { hasText: 'needs approval' }));
  await expect.poll(() => requests().count(), { timeout: TIMEOUT }).toBe(before + 1);
  return before + 1;
}

/** Bob opens the app's Home tab and clicks the request's button there. */
async function supervisorDecidesOnHome(actionId: string, screenshot: string): Promise<void> {
  await actAs(/Bob/, 'supervisor');
  await page.getByRole('button', { name: /phlo-bot · Home/ }).click();
  const button = await homeButton(actionId);
  await seen(button);
  await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
  await button.click();
}

beforeAll(async () => {
  build();
  sandbox = await startSandboxProcess();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  // A refused script, style or request (the page's Content-Security-Policy) is logged as an error.
  page.on('console', (message) => { if (message.type() === 'error') scriptErrors.push(message.text()); });
  await page.goto(sandbox.url);
  await seen(page.getByText('# support', { exact: true }));
  await type(`/phlo transfer warm ${MEMBER}`);
  await seen(simMember());
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe("approving from the sandbox's Home tab", () => {
  it("Reject on the supervisor's Home tab: the thread says rejected, and nothing reaches the call", async () => {
    const count = await agentAsksToHangUp();
    await supervisorDecidesOnHome(APPROVAL_ACTION_IDS.reject, 'approval-01-home-waiting.png');
    await openSupport();
    const request = requests().nth(count - 1);
    await seen(request.locator(`[data-block-id="${BLOCK_IDS.approvalDecision}"]`, { hasText: /Rejected by @?Bob Supervisor/ }));
    expect(await request.locator(`button[data-action-id="${APPROVAL_ACTION_IDS.approve}"]`).count()).toBe(0);
    expect(await simMember().getByText('hung up').count()).toBe(0);
    expect(await threadPane().locator('.message', { hasText: `hung up ${MEMBER}` }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'approval-02-rejected.png') });
  });

  it("Approve on the supervisor's Home tab: the thread says approved and shows the hang-up, and the call loses the member", async () => {
    const count = await agentAsksToHangUp();
    await supervisorDecidesOnHome(APPROVAL_ACTION_IDS.approve, 'approval-03-home-waiting.png');
    await openSupport();
    const request = requests().nth(count - 1);
    await seen(request.locator(`[data-block-id="${BLOCK_IDS.approvalDecision}"]`, { hasText: /Approved by @?Bob Supervisor/ }));
    await seen(threadPane().locator('.message', { hasText: `hung up ${MEMBER}` }));
    await seen(simMember().getByText('hung up'));
    await page.screenshot({ path: join(SCREENSHOTS, 'approval-04-approved.png') });
  });

  it('the Home tab then has nothing waiting for the supervisor', async () => {
    await page.getByRole('button', { name: /phlo-bot · Home/ }).click();
    await seen(page.locator(`.home [data-block-id="${HOME_BLOCK_IDS.waitingTitle}"]`));
    await expect.poll(() => page.locator(`.home button[data-action-id="${APPROVAL_ACTION_IDS.approve}"]`).count(), { timeout: TIMEOUT }).toBe(0);
  });

  it('raised no script errors', () => {
    expect(scriptErrors).toEqual([]);
  });
});
