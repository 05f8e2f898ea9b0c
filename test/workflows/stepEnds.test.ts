/**
 * Ending a step run when something unexpected went wrong: the step fails with the sentence that
 * gives an error id, and that id is in the log line with the error.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/actions/catalogue/index.js';
import { createLogger } from '../../src/logger.js';
import { Metrics } from '../../src/metrics.js';
import { PacedWebClient } from '../../src/slack/pacedClient.js';
import { SlackReplies } from '../../src/slack/replies.js';
import { SlackResponder } from '../../src/slack/responder.js';
import { openStore, type Store } from '../../src/store/index.js';
import { WorkflowStepEnds } from '../../src/workflows/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';

const BOT_TOKEN = 'xoxb-step-ends-test';
let slack: FakeSlack;
let store: Store;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
  store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'phlo-bot-steps-')), 'steps.db')}`);
});
afterAll(async () => {
  await store.close();
  await slack.close();
});

it('fails the step with an error id that names the log line of the unexpected error', async () => {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger('info', destination);
  const client = new PacedWebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  const ends = new WorkflowStepEnds({
    client,
    store,
    responder: new SlackResponder(new SlackReplies(client, logger), CATALOGUE),
    catalogue: CATALOGUE,
    logger,
    metrics: new Metrics(),
  });
  const started = slack.startFunction('phlo_member_action', { user: 'U1', channel: 'C1', action: 'hold', member: '+14155550100' });

  await ends.finish({ executionId: started.execution.id, action: 'hold' }, { kind: 'refused', error: new Error('disk on fire') });

  const ended = await slack.waitForFunctionEnd(started.execution.id);
  expect(ended.state).toBe('failed');
  const errorId = /give your Slack admin this error id: ([0-9a-f]{8})\.$/.exec(ended.error ?? '')?.[1];
  expect(errorId).toMatch(/^[0-9a-f]{8}$/);
  const line = logs.find((l) => l.errorId === errorId);
  expect(line).toMatchObject({ msg: 'unexpected error', executionId: started.execution.id, step: 'phlo_member_action', err: { message: 'disk on fire' } });
  expect(logs.find((l) => l.msg === 'workflow step ended')).toMatchObject({ outcome: 'error', step: 'phlo_member_action' });
});
