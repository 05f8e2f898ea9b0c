// A database password never reaches a start-up error, a log or the sandbox page, whatever characters it
// holds: the unencoded ones are exactly those that make the URL malformed, and so get it printed.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv, maskUrlPassword } from '../../src/config/index.js';

const PASSWORDS = ['hunter2', 'pa/ss', 'pa#ss', 'pa?ss', 'p@ss', 'pa:ss', 'a/b#c?d@e:f', 's3cr3t@', '@/#?:', 'pa ss%'];
const APP_ENV = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'signing', PLIVO_AUTH_ID: 'MAID', PLIVO_AUTH_TOKEN: 'phlo-token' };

function envError(source: Record<string, string>): ConfigError {
  try {
    loadEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected the environment to be refused');
}

/** Everything an operator could see of the error: its message, its cause's message and the cause as JSON. */
const printed = (error: ConfigError): string => `${error.message}\n${String(error.cause)}\n${JSON.stringify(error.cause)}`;

describe('masking a database URL', () => {
  it.each(PASSWORDS)('hides the password %j, keeping the user, host and database', (password) => {
    const masked = maskUrlPassword(`postgres://bot:${password}@db.internal:5432/phlo`);
    expect(masked).toBe('postgres://bot:***@db.internal:5432/phlo');
  });

  it.each([
    ['no password', 'postgres://bot@db:5432/phlo', 'postgres://bot@db:5432/phlo'],
    ['no user at all', 'postgres://db:5432/phlo', 'postgres://db:5432/phlo'],
    ['an IPv6 host', 'postgresql://[::1]:5432/phlo', 'postgresql://[::1]:5432/phlo'],
    ['a SQLite file', 'sqlite:./data/a@b:c.db', 'sqlite:./data/a@b:c.db'],
    ['a password with no host after it', 'postgres://bot:pa/ss', 'postgres://bot:***'],
    ['a password as a query parameter', 'postgres://bot@db/phlo?sslmode=require&password=pa&ss#x', 'postgres://bot@db/phlo?sslmode=require&password=***'],
    ['a broken scheme', 'postgres:/bot:pa/ss@db/phlo', 'postgres:/bot:***@db/phlo'],
    ['a proxy URL', 'http://me:pa#ss@proxy:8080', 'http://me:***@proxy:8080'],
  ])('handles %s', (_what, url, masked) => {
    expect(maskUrlPassword(url)).toBe(masked);
  });
});

describe('a malformed DATABASE_URL at start-up', () => {
  it.each(PASSWORDS.filter((p) => /[/#?]/.test(p)))('names the problem and masks the password %j', (password) => {
    const error = envError({ ...APP_ENV, DATABASE_URL: `postgres://bot:${password}@db:5432/phlo` });
    expect(error.message).toMatch(/^environment: DATABASE_URL: is not a valid URL \(postgres:\/\/bot:\*\*\*@db:5432\/phlo\); percent-encode/);
    expect(printed(error)).not.toContain(password);
  });

  it('accepts the same password percent-encoded', () => {
    expect(loadEnv({ ...APP_ENV, DATABASE_URL: `postgres://bot:${encodeURIComponent('a/b#c?d@e:f')}@db:5432/phlo` }).DATABASE_URL).toContain('%2F');
  });

  it('refuses a URL with a password but no host, masked too', () => {
    const error = envError({ ...APP_ENV, DATABASE_URL: 'postgres://bot:hunter2@/phlo' });
    expect(error.message).toBe(
      'environment: DATABASE_URL: is not a valid URL (postgres://bot:***@/phlo); percent-encode any / # ? @ : in the user name or password, e.g. %2F for /',
    );
    expect(printed(error)).not.toContain('hunter2');
  });

  it('refuses a URL naming no host, unless a host parameter names one', () => {
    expect(envError({ ...APP_ENV, DATABASE_URL: 'postgres:///phlo' }).message).toMatch(/^environment: DATABASE_URL: names no host \(postgres:\/\/\/phlo\)/);
    expect(loadEnv({ ...APP_ENV, DATABASE_URL: 'postgres:///phlo?host=/var/run/postgresql' }).DATABASE_URL).toBe('postgres:///phlo?host=/var/run/postgresql');
  });

  it('keeps no token in the error it refuses a token with', () => {
    const error = envError({ ...APP_ENV, SLACK_BOT_TOKEN: 'xoxp-user-token-value' });
    expect(error.message).toBe('environment: SLACK_BOT_TOKEN: must be a bot token starting with "xoxb-"');
    expect(printed(error)).not.toContain('xoxp-user-token-value');
  });
});
