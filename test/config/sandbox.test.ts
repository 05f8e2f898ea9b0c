// The sandbox makes up Slack's side of the environment and takes the rest from the operator's, as
// the real app would: what it honours reaches the app it runs.
import { describe, expect, it } from 'vitest';
import { loadSandboxSettings, sandboxAppSettings } from '../../src/config/index.js';
import { DEMO_CONFIG_YAML as DEMO } from '../../src/sandbox/demo.js';

// As the sandbox runs it with its PHLO simulator.
const stand = { slackApiUrl: 'http://127.0.0.1:1/api/', botToken: 'xoxb-sandbox', signingSecret: 'made-up', phloUrl: 'http://127.0.0.1:2', authId: 'MASIMULATOR', authToken: 'simulated' };

describe('the sandbox environment', () => {
  it("passes PHLO's timeout and the cap on requests in flight to the app it runs", () => {
    const sandbox = loadSandboxSettings(DEMO, { PHLO_TIMEOUT_MS: '2500', PHLO_MAX_CONCURRENCY: '7' });
    const { env } = sandboxAppSettings(sandbox, stand);
    expect(env.PHLO_TIMEOUT_MS).toBe(2500);
    expect(env.PHLO_MAX_CONCURRENCY).toBe(7);
  });

  it('leaves both at their defaults when unset, and refuses a cap the app would refuse', () => {
    const { env } = sandboxAppSettings(loadSandboxSettings(DEMO, {}), stand);
    expect(env.PHLO_TIMEOUT_MS).toBe(10_000);
    expect(env.PHLO_MAX_CONCURRENCY).toBe(50);
    expect(() => sandboxAppSettings(loadSandboxSettings(DEMO, { PHLO_MAX_CONCURRENCY: '0' }), stand)).toThrow(/PHLO_MAX_CONCURRENCY/);
  });
});
