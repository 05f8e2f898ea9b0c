/**
 * Every request Slack can send gets its acknowledgement, handled or not: one nobody handles is answered
 * with an empty 200 well inside Slack's three seconds (Slack counts anything else as a failure, shows
 * the user an error and delivers an event again), logged, and counted by kind.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactiveBody, postSigned } from '../support/slackRequests.js';
import { waitFor } from '../support/wait.js';
import { SIGNING_SECRET, startHarness, type Harness } from './harness.js';
import { UNHANDLED_PAYLOADS } from './unhandledPayloads.js';

/** Slack's limit for an acknowledgement. */
const SLACK_ACK_LIMIT_MS = 3000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ metrics: true });
});
afterAll(async () => {
  await h.stop();
});

describe('requests no listener handles, over HTTP', () => {
  it.each(UNHANDLED_PAYLOADS)('$name: an empty 200 within three seconds, logged and counted', async ({ kind, envelope, payload }) => {
    const body = envelope === 'interactive' ? interactiveBody(payload()) : JSON.stringify(payload());
    const started = performance.now();
    const answer = await postSigned(`${h.baseUrl}/slack/events`, body, SIGNING_SECRET, envelope === 'interactive' ? {} : { contentType: 'application/json' });
    const tookMs = performance.now() - started;
    expect(answer).toMatchObject({ status: 200, body: '' });
    expect(tookMs).toBeLessThan(SLACK_ACK_LIMIT_MS);
    await waitFor(() => h.logs.some((l) => l.msg === 'Slack request nobody handles acknowledged' && l.kind === kind));
    const metrics = await (await fetch(`${String(h.metricsUrl)}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^slack_requests_unhandled_total\\{kind="${kind}"\\} [1-9]`, 'm'));
    expect(h.phlo.requests).toEqual([]);
  });

  it('names what nobody handled in the log: the callback id, the action id or the event type', () => {
    const lines = h.logs.filter((l) => l.msg === 'Slack request nobody handles acknowledged');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'view_submission', callbackId: 'someone_elses_form' }),
        expect.objectContaining({ kind: 'block_actions', actionId: 'not_a_phlo_bot_button' }),
        expect.objectContaining({ kind: 'function_executed', callbackId: 'not_a_phlo_bot_step' }),
        expect.objectContaining({ kind: 'event', eventType: 'reaction_added' }),
      ]),
    );
  });
});
