/**
 * The sandbox in a real browser, started as the README says, driven only through what the page shows.
 * Each flow saves a screenshot under .tmp/screenshots.
 */
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_IDS } from '../../src/views/ids.js';
import { build, launchChromium, SCREENSHOTS, scrollTo, startSandboxProcess, type SandboxProcess } from './browser.js';

const TIMEOUT = 15_000;
let sandbox: SandboxProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const scriptErrors: string[] = [];

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const composer = (): Locator => page.locator('main .composer-input');
const channelMessages = (): Locator => page.locator('main .message-list .message');
const card = (): Locator => channelMessages().filter({ hasText: 'Call on Support line' }).first();
const threadPane = (): Locator => page.locator('.thread-pane');
/** A card's button as it is labelled: the verb, the member's role if known, and the number's last digits. */
const memberButton = (verb: string, address: string): RegExp => new RegExp(`^${verb} (\\S+ )?…${address.slice(-4)}$`);
const simMember = (address: string): Locator => page.locator(`.sim-panel .call-node[data-node="support/queue"] li[data-address="${address}"]`);

async function type(text: string): Promise<void> {
  await composer().fill(text);
  await composer().press('Enter');
}

async function actAs(name: RegExp): Promise<void> {
  const select = page.getByLabel('Act as');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value ?? '');
}

async function openThread(): Promise<void> {
  if (await threadPane().isVisible()) return;
  await card().locator('.thread-link').click();
  await expect.poll(() => threadPane().isVisible(), { timeout: TIMEOUT }).toBe(true);
}

/** The sandbox process beforeAll started; it is unset only when beforeAll failed. */
function started(): SandboxProcess {
  if (sandbox === undefined) throw new Error('the sandbox process did not start (see beforeAll)');
  return sandbox;
}

async function seen(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
}

beforeAll(async () => {
  build();
  sandbox = await startSandboxProcess();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  await page.goto(sandbox.url);
  await seen(page.getByText('# support', { exact: true }));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe('the sandbox, from a fresh directory with no credentials', () => {
  it('announces one URL on the loopback address and names the demo configuration', () => {
    const { url, banner } = started();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox$/);
    expect(banner).toContain('listening on 127.0.0.1 only');
    expect(banner).toContain('demo configuration (no ./phlo-bot.yml)');
  });

  it('shows the usage of /phlo transfer while it is typed', async () => {
    await composer().fill('/phlo tra');
    await seen(page.locator('.hints').getByText('/phlo transfer warm|cold <to>'));
    await shot('01-usage-hints');
    await composer().fill('');
  });

  it('/phlo transfer warm posts the call card and a thread reply with Resume and Abort', async () => {
    await type('/phlo transfer warm +14155551234');
    await seen(card());
    await openThread();
    const reply = threadPane().locator('.thread-list > .message').filter({ has: page.locator(`[data-block-id="${BLOCK_IDS.replyText}"]`, { hasText: 'started a warm transfer' }) });
    await seen(reply);
    await expect.poll(() => reply.getByRole('button', { name: 'Resume' }).count()).toBe(1);
    await expect.poll(() => reply.getByRole('button', { name: 'Abort' }).count()).toBe(1);
    await seen(page.locator('.sim-panel .transfer', { hasText: '+14155551234' }));
    await shot('02-warm-transfer');
  });

  it('Hold on a member: Unhold appears, and the card and the simulator show the member held', async () => {
    await card().getByRole('button', { name: memberButton('Hold', '+14155551234') }).click();
    await seen(card().getByRole('button', { name: memberButton('Unhold', '+14155551234') }));
    await seen(card().getByText('on hold'));
    await seen(simMember('+14155551234').getByText('held', { exact: true }));
    await shot('03-hold');
  });

  it('/phlo transfer opens the modal; a bad number stays open with an inline error; fixed, it submits', async () => {
    await type('/phlo transfer');
    const modal = page.getByRole('dialog', { name: 'Transfer the call' });
    await seen(modal);
    await modal.locator('[data-block-id="modal_mode"] input[value="cold"]').check();
    await modal.locator('[data-block-id="modal_to"] input').fill('12');
    await modal.getByRole('button', { name: 'Transfer' }).click();
    await seen(modal.locator('[data-block-id="modal_to"] .input-error'));
    await shot('04-modal-inline-error');
    await modal.locator('[data-block-id="modal_to"] input').fill('+14155559876');
    await modal.getByRole('button', { name: 'Transfer' }).click();
    await expect.poll(() => modal.count(), { timeout: TIMEOUT }).toBe(0);
    await openThread();
    await seen(threadPane().locator('.message', { hasText: 'cold-transferred the call to +14155559876' }));
    await shot('05-modal-submitted');
  });

  it('the viewer asking to hang up is refused, naming the permission, visibly to them alone', async () => {
    await actAs(/Vic/);
    await type('/phlo hangup +14155551234');
    const refusal = page.locator('main .message.ephemeral', { hasText: 'does not have the hangup permission' });
    await seen(refusal);
    await seen(refusal.getByText('Only visible to you'));
    await shot('06-viewer-refused');
    await actAs(/Alice/);
    await seen(page.locator('.role-card', { hasText: 'agent' }));
    expect(await page.locator('main .message', { hasText: 'does not have the hangup permission' }).count()).toBe(0);
  });

  it('Hang up asks first, and Cancel sends nothing', async () => {
    await actAs(/Bob/); // agents may not hang up; the supervisor may
    await seen(page.locator('.role-card', { hasText: 'supervisor' }));
    await card().getByRole('button', { name: memberButton('Hang up', '+14155559876') }).click();
    const dialog = page.locator('.confirm');
    await seen(dialog);
    await shot('07-hangup-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    // Then confirm for real: exactly one hang-up follows, so the cancelled click sent nothing.
    await card().getByRole('button', { name: memberButton('Hang up', '+14155559876') }).click();
    await page.locator('.confirm').getByRole('button', { name: /Hang up/ }).click();
    await openThread();
    await seen(threadPane().locator('.message', { hasText: 'hung up +14155559876' }));
    await seen(simMember('+14155559876').getByText('hung up'));
    expect(await threadPane().locator('.message', { hasText: 'hung up +14155559876' }).count()).toBe(1);
    await shot('08-hung-up');
    await actAs(/Alice/);
    await seen(page.locator('.role-card', { hasText: 'agent' }));
  });

  it("an agent's hang-up waits for a supervisor, who rejects it; nothing reaches PHLO", async () => {
    await card().getByRole('button', { name: memberButton('Hang up', '+14155551234') }).click();
    await page.locator('.confirm').getByRole('button', { name: /Hang up/ }).click();
    await openThread();
    const request = threadPane().locator('.message', { hasText: 'asks to hang up +14155551234' });
    await seen(request);
    await seen(page.locator('main .message.ephemeral', { hasText: 'needs approval' }));
    await shot('09-approval-requested');
    await actAs(/Bob/);
    await seen(page.locator('.role-card', { hasText: 'supervisor' }));
    await request.getByRole('button', { name: 'Reject' }).click();
    await seen(threadPane().locator('.message', { hasText: 'Rejected by' }));
    expect(await request.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await simMember('+14155551234').getByText('hung up').count()).toBe(0);
    await shot('10-approval-rejected');
    await actAs(/Alice/);
    await seen(page.locator('.role-card', { hasText: 'agent' }));
  });

  it('an injected PHLO 500 shows the plain failure message in the thread', async () => {
    await page.getByRole('button', { name: 'PHLO 500' }).click();
    await seen(page.getByText('Next PHLO request: PHLO 500'));
    await card().getByRole('button', { name: memberButton('Unhold', '+14155551234') }).click();
    await openThread();
    await seen(threadPane().locator('.message', { hasText: 'PHLO had a server error' }));
    await shot('11-phlo-500');
  });

  it('/phlo history lists what was done', async () => {
    await type('/phlo history');
    const history = channelMessages().filter({ hasText: /The last \d+ actions in #support/ }).filter({ hasText: 'Hang up' }).last();
    await seen(history);
    await scrollTo(history);
    await shot('12-history');
  });

  it("the App Home tab shows the user's role and recent actions", async () => {
    await page.getByRole('button', { name: /phlo-bot · Home/ }).click();
    const home = page.locator('.home');
    await seen(home.getByText('agent'));
    await seen(home.getByText(/Your last \d+ actions/));
    await shot('13-app-home');
  });

  it('reads at phone width', async () => {
    await page.getByRole('button', { name: '# support' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await seen(card());
    await shot('14-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('raised no script errors', () => {
    expect(scriptErrors).toEqual([]);
  });
});
