import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv, parseConfig } from '../../src/config/index.js';

const example = readFileSync(new URL('../../phlo-bot.example.yml', import.meta.url), 'utf8');

function configError(text: string): string {
  try {
    parseConfig(text, 'phlo-bot.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('the configuration file', () => {
  it('accepts the documented example with its defaults', () => {
    const config = parseConfig(example, 'phlo-bot.example.yml');
    expect(config.phlos.support?.nodes.queue).toBe('b4b48fc2-f47a-4a93-97c3-749ed9a40fa8');
    expect(config.users.U0123ALICE).toEqual({ role: 'agent', address: '+14155550100' });
    expect(config.groups.S0789LEADS).toBe('supervisor');
    expect(config.history_retention_days).toBe(365);
    expect(config.approvals).toEqual({ hangup: ['supervisor'] });
    expect(config.approval_timeout_minutes).toBe(15);
  });

  it('has no approval rules and a 15-minute timeout unless the file gives them', () => {
    const config = parseConfig(example.slice(0, example.indexOf('\napprovals:')), 'phlo-bot.yml');
    expect(config.approvals).toEqual({});
    expect(config.approval_timeout_minutes).toBe(15);
  });

  it('names the file, the path and the problem for an unknown role', () => {
    expect(configError(example.replace('U0123ALICE: { role: agent', 'U0123ALICE: { role: agnet'))).toBe(
      'phlo-bot.yml:34:23: users.U0123ALICE.role: unknown role "agnet" (known: viewer, agent, supervisor)',
    );
  });

  it.each([
    ['an unknown permission', example.replace('viewer: [status, history]', 'viewer: [status, histroy]'), 'roles.viewer.1: unknown permission "histroy"'],
    ['a PHLO id that is not a UUID', example.replace('id: 4c1a9f23-7f56-4879-bb80-db856e1e7701', 'id: not-a-uuid'), 'phlos.support.id: must be a PHLO id'],
    ['a channel default naming an unknown PHLO', example.replace('{ phlo: support, node: queue }', '{ phlo: sales }'), 'channels.C0123SUPPORT.phlo: unknown PHLO "sales" (known: support)'],
    ['a channel default naming an unknown node', example.replace('{ phlo: support, node: queue }', '{ phlo: support, node: vip }'), 'channels.C0123SUPPORT.node: unknown node "vip" of PHLO "support" (known: queue)'],
    ['a default node that is not a node', example.replace('default_node: queue', 'default_node: lobby'), 'phlos.support.default_node: unknown node "lobby" (known: queue)'],
    ['a group mapped to an unknown role', example.replace('S0789LEADS: supervisor', 'S0789LEADS: boss'), 'groups.S0789LEADS: unknown role "boss"'],
    ['a user address that is neither phone nor SIP', example.replace('address: "+14155550100"', 'address: "call me"'), 'users.U0123ALICE.address: "call me" is not a phone number'],
    ['an unknown top-level key', `${example}\nextra: 1\n`, ': unknown key "extra"'],
    ['a value of the wrong type', example.replace('history_retention_days: 365', 'history_retention_days: "30"'), 'history_retention_days: must be a number'],
    ['a user id that is not one', example.replace('U0123ALICE:', 'alice:'), 'users.alice: must be a Slack user id'],
    ['a retention that is not a whole number', example.replace('history_retention_days: 365', 'history_retention_days: 1.5'), 'history_retention_days:'],
    ['no PHLOs at all', 'phlos: {}\nroles: {}\n', 'phlos: names no PHLO'],
    ['broken YAML', 'phlos: [\n', 'phlo-bot.yml:2:1: '],
    ['an approval rule for an unknown verb', example.replace('hangup: [supervisor]', 'hangpu: [supervisor]'), 'approvals.hangpu: unknown verb "hangpu" (approvals can cover: call,'],
    ['an approval rule for a verb that only reads', example.replace('hangup: [supervisor]', 'status: [supervisor]'), 'approvals.status: unknown verb "status"'],
    ['an approval rule naming an unknown role', example.replace('hangup: [supervisor]', 'hangup: [boss]'), 'approvals.hangup.0: unknown role "boss" (known: viewer, agent, supervisor)'],
    ['an approval rule naming no role', example.replace('hangup: [supervisor]', 'hangup: []'), 'approvals.hangup: names no role that could approve'],
    ['an approval timeout of zero', example.replace('approval_timeout_minutes: 15', 'approval_timeout_minutes: 0'), 'approval_timeout_minutes:'],
  ])('refuses %s', (_what, text, expected) => {
    expect(configError(text)).toContain(expected);
  });

  it('points at the line and column of the problem', () => {
    const text = `${example}\nextra: 1\n`;
    const line = text.split('\n').indexOf('extra: 1') + 1;
    expect(configError(text)).toBe(`phlo-bot.yml:${line}:8: unknown key "extra"`);
  });

  it('is one line per problem, naming the file first', () => {
    const message = configError(example.replace('role: supervisor,', 'role: 42,'));
    expect(message).toMatch(/^phlo-bot\.yml:\d+:\d+: users\.U0456BOB\.role: must be a string$/);
    expect(message).not.toContain('\n');
  });
});

describe('the environment', () => {
  const base = {
    SLACK_BOT_TOKEN: 'xoxb-1',
    SLACK_SIGNING_SECRET: 'secret',
    PLIVO_AUTH_ID: 'MAXXXX',
    PLIVO_AUTH_TOKEN: 'token',
  };

  it('fills the documented defaults', () => {
    const env = loadEnv(base);
    expect(env).toMatchObject({
      PORT: 3000,
      PHLO_API_URL: 'https://phlorunner.plivo.com/v1',
      PHLO_TIMEOUT_MS: 10_000,
      PHLO_MAX_CONCURRENCY: 50,
      PHLO_BOT_CONFIG: './phlo-bot.yml',
      DATABASE_URL: 'sqlite:./data/phlo-bot.db',
      LOG_LEVEL: 'info',
    });
  });

  it('takes an empty (or blank) variable as unset: its default, never an error', () => {
    const blank = { PORT: '', HOST: ' ', METRICS_PORT: '', PHLO_API_URL: '', PHLO_TIMEOUT_MS: '', PHLO_MAX_CONCURRENCY: '', PHLO_BOT_CONFIG: '', DATABASE_URL: '', LOG_LEVEL: '  ', HTTPS_PROXY: '' };
    expect(loadEnv({ ...base, ...blank })).toEqual(loadEnv(base));
  });

  it.each([
    [{ ...base, SLACK_BOT_TOKEN: undefined }, 'environment: SLACK_BOT_TOKEN: is not set'],
    [{ ...base, SLACK_BOT_TOKEN: 'xoxp-user' }, 'environment: SLACK_BOT_TOKEN: must be a bot token'],
    [{ ...base, SLACK_SIGNING_SECRET: '' }, 'environment: SLACK_SIGNING_SECRET: is not set'],
    [{ ...base, PLIVO_AUTH_TOKEN: undefined }, 'environment: PLIVO_AUTH_TOKEN: is not set'],
    [{ ...base, PORT: 'eighty' }, 'environment: PORT:'],
    [{ ...base, PHLO_TIMEOUT_MS: '-5' }, 'environment: PHLO_TIMEOUT_MS:'],
    [{ ...base, PHLO_MAX_CONCURRENCY: '0' }, 'environment: PHLO_MAX_CONCURRENCY:'],
    [{ ...base, SLACK_API_URL: 'http://localhost:1234/' }, 'environment: SLACK_API_URL: must be a URL ending in "/api/"'],
    [{ ...base, DATABASE_URL: 'mysql://x' }, 'environment: DATABASE_URL: must be "sqlite:PATH" or "postgres://…"'],
    [{ ...base, LOG_LEVEL: 'loud' }, 'environment: LOG_LEVEL:'],
    [{ ...base, SLACK_APP_TOKEN: 'xoxb-wrong' }, 'environment: SLACK_APP_TOKEN: must be an app-level token'],
  ])('refuses a bad environment with one line naming the variable (%#)', (source, expected) => {
    expect(() => loadEnv(source)).toThrow(expected);
  });

  it('needs no signing secret in Socket Mode', () => {
    expect(loadEnv({ ...base, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: 'xapp-1' }).SLACK_APP_TOKEN).toBe('xapp-1');
  });
});
