/**
 * A 2xx from PHLO means PHLO did it: answered with the bodies the vendor's own SDKs test against, which
 * lack fields the reference promises, an action reads as done in the thread and is recorded `ok`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GO_MEMBER_ACTION, JAVA_ACTION, JAVA_RUN, RUBY_MEMBER_ACTION, RUBY_RUN, type VendorBody } from '../plivo/support/vendorBodies.js';
import { CHANNEL, messageText, PHLO_ID, startHarness, TEAM, USERS, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ dedupWindowMs: 0 });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  h.phlo.reset();
  h.slack.reset();
});

async function lastRecord() {
  const [record] = await h.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, limit: 1 });
  return record;
}

/** What must never be said of an action PHLO answered 2xx. */
function expectNoDoubt(text: string): void {
  expect(text).toContain('outcome *ok*');
  expect(text).not.toMatch(/fail|unknown|may or may not/i);
}

describe('an action PHLO answered 2xx reads as done, whatever fields the body lacks', () => {
  it.each([
    ['Ruby: the member object, no `error`', RUBY_MEMBER_ACTION, '+14155559101'],
    ['Java: `errors` instead of `error`', JAVA_ACTION, '+14155559102'],
    ['Go: `ApiID`, no `api_id`', GO_MEMBER_ACTION, '+14155559104'],
  ] as [string, VendorBody, string][])('/phlo hold answered as in %s', async (_shape, vendor, member) => {
    h.phlo.failNext({ status: vendor.status, body: vendor.body });
    await h.command(`hold ${member}`);
    const reply = await h.waitForReply((c) => messageText(c).includes(member));
    const text = messageText(reply);
    expect(text).toContain(`put \`${member}\` on hold`);
    expectNoDoubt(text);
    const apiId = vendor.expected.apiId;
    expect(text).toContain(apiId === undefined ? 'api_id —' : `api_id \`${apiId}\``);
    await expect.poll(lastRecord).toMatchObject({ action: 'hold', member, outcome: 'ok', httpStatus: vendor.status });
    expect((await lastRecord())?.apiId).toBe(apiId);
  });

  it('/phlo hold answered 201 with no body at all is done, with no api_id to show', async () => {
    h.phlo.failNext({ status: 201, body: '' });
    await h.command('hold +14155559103');
    const reply = await h.waitForReply((c) => messageText(c).includes('+14155559103'));
    expectNoDoubt(messageText(reply));
    expect(messageText(reply)).toContain('api_id —');
    await expect.poll(lastRecord).toMatchObject({ member: '+14155559103', outcome: 'ok', httpStatus: 201 });
    expect((await lastRecord())?.apiId).toBeUndefined();
  });

  it.each([
    ['Ruby (200, `phlo_run_id`, no `message`)', RUBY_RUN],
    ['Java (201, `phlo_run_id`, no `message`)', JAVA_RUN],
  ] as [string, VendorBody][])('/phlo run answered as in %s shows the run id', async (_shape, vendor) => {
    const runId = vendor.expected.runId ?? '';
    h.phlo.failNext({ status: vendor.status, body: vendor.body });
    await h.command('run support', { user: USERS.bob });
    const reply = await h.waitForReply((c) => messageText(c).includes('ran the PHLO'));
    const text = messageText(reply);
    expectNoDoubt(text);
    expect(text).toContain(`*run id*\n${runId}`);
    expect(text).not.toContain('PHLO says:');
    await expect.poll(lastRecord).toMatchObject({ action: 'run', phloId: PHLO_ID, outcome: 'ok', httpStatus: vendor.status, apiId: vendor.expected.apiId });
  });

  it('a run whose answer names only `phlo_run_id` still shows that id', async () => {
    h.phlo.failNext({ status: 201, body: { phlo_run_id: 'run-only-id-1' } });
    await h.command('run support', { user: USERS.bob });
    const reply = await h.waitForReply((c) => messageText(c).includes('ran the PHLO'));
    expectNoDoubt(messageText(reply));
    expect(messageText(reply)).toContain('*run id*\nrun-only-id-1');
    await expect.poll(lastRecord).toMatchObject({ action: 'run', outcome: 'ok', httpStatus: 201 });
  });
});

describe('an action answered 2xx with something that is not JSON at all is unknown', () => {
  // What a proxy's page or a web server at a wrong PHLO_API_URL sends: PHLO always answers JSON.
  it('/phlo hold answered 200 with an HTML page reads as unknown, says the reply could not be read, and is recorded so', async () => {
    h.phlo.failNext('garbage');
    await h.command('hold +14155559105');
    const reply = await h.waitForReply((c) => messageText(c).includes('+14155559105'));
    const text = messageText(reply);
    expect(text).toContain("PHLO's reply could not be read (HTTP 200)");
    expect(text).toContain('PHLO_API_URL');
    expect(text).toContain('PHLO may or may not have acted');
    expect(text).not.toContain('outcome *ok*');
    await expect.poll(lastRecord).toMatchObject({ action: 'hold', member: '+14155559105', outcome: 'unknown', httpStatus: 200 });
    expect((await lastRecord())?.error).toContain('not JSON');
  });

  it('/phlo run answered 201 with plain text is unknown too', async () => {
    h.phlo.failNext({ status: 201, body: 'Created' });
    await h.command('run support', { user: USERS.bob });
    const reply = await h.waitForReply((c) => messageText(c).includes("PHLO's reply could not be read"));
    expect(messageText(reply)).toContain('(HTTP 201)');
    await expect.poll(lastRecord).toMatchObject({ action: 'run', outcome: 'unknown', httpStatus: 201 });
  });
});
