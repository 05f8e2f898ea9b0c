/**
 * The one workspace every load benchmark drives: a PHLO with one call node, a channel pointed at it,
 * agents allowed to act, and the secrets the app, the bare Bolt app and the stand-ins share.
 */
import { Config } from '../../src/config/index.js';
import { parse } from 'yaml';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-bench-bot-token-abcdef';
export const AUTH_ID = 'MABENCHAUTHID000000';
export const AUTH_TOKEN = 'phlo-bench-auth-token';
export const TEAM = 'T0BENCH';
export const CHANNEL = 'C0BENCH';
export const PHLO_ID = '4c1a9f23-7f56-4879-bb80-db856e1e7701';
export const NODE_ID = 'b4b48fc2-f47a-4a93-97c3-749ed9a40fa8';
export const AGENT_ADDRESS = '+14155550100';

/** Agents U0AGENT000 … : several askers, as on a support floor (and so a per-user limit spreads). */
export const AGENTS = Array.from({ length: 20 }, (_, i) => `U0AGENT${String(i).padStart(3, '0')}`);

/** The n-th customer on the call: distinct numbers, so the dedup of identical actions folds none of them. */
export function member(n: number): string {
  return `+1415${String(6_000_000 + n).padStart(7, '0')}`;
}

/**
 * The app's YAML. The per-user rate limit is turned off (0) when this build's configuration knows the
 * key: a benchmark measures the pipeline, not the limiter refusing the burst.
 */
export function configYaml(): string {
  const users = AGENTS.map((u) => `  ${u}: { role: agent, address: "${AGENT_ADDRESS}" }`).join('\n');
  const base = `
phlos:
  support:
    id: ${PHLO_ID}
    name: Support line
    nodes:
      queue: ${NODE_ID}
    default_node: queue
channels:
  ${CHANNEL}: { phlo: support, node: queue }
roles:
  agent: [status, history, call, transfer, hold, unhold, resume, abort, voicemail]
users:
${users}
`;
  const withLimitOff = `${base}rate_limit: { actions_per_minute: 0 }\n`;
  return rateLimitKeyKnown() ? withLimitOff : base;
}

/** Whether this build's configuration (strict about unknown keys) accepts `rate_limit`. */
export function rateLimitKeyKnown(): boolean {
  const probe = parse(`phlos: { p: { id: ${PHLO_ID} } }\nroles: { agent: [hold] }\nrate_limit: { actions_per_minute: 0 }\n`) as unknown;
  return Config.safeParse(probe).success;
}
