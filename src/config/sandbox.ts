import { existsSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { loadConfigFile, parseConfig, type Config } from './file.js';
import { Env, transportOf } from './env.js';
import { withoutSecrets } from './redact.js';
import type { Settings } from './settings.js';

/**
 * Whether `npm start` runs the sandbox: asked for with `--sandbox`, or no bot token outside production
 * (a fresh clone should show the app working, a production deploy missing its token should not start).
 */
export function sandboxRequested(argv: readonly string[], source: NodeJS.ProcessEnv = process.env): boolean {
  if (argv.includes('--sandbox')) return true;
  const token = source.SLACK_BOT_TOKEN?.trim() ?? '';
  return token === '' && source.NODE_ENV !== 'production';
}

const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The part of the environment the sandbox honours; Slack's variables are its own to make up. */
const SandboxEnv = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  // Loopback unless asked: the sandbox has no sign-in, anyone who reaches it acts as any user.
  HOST: z.preprocess(blankToUndefined, z.string().default('127.0.0.1')),
  // Off unless asked: a trial run needs no Prometheus, and two sandboxes must not fight over 9464.
  METRICS_PORT: z.preprocess(blankToUndefined, z.string().default('0')),
  PHLO_BOT_CONFIG: z.preprocess(blankToUndefined, z.string().optional()),
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().default('sqlite:./data/sandbox.db')),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.string().default('info')),
  PLIVO_AUTH_ID: z.preprocess(blankToUndefined, z.string().optional()),
  PLIVO_AUTH_TOKEN: z.preprocess(blankToUndefined, z.string().optional()),
  PHLO_API_URL: z.preprocess(blankToUndefined, z.string().optional()),
  PHLO_TIMEOUT_MS: z.preprocess(blankToUndefined, z.string().optional()),
  PHLO_MAX_CONCURRENCY: z.preprocess(blankToUndefined, z.string().optional()),
  HTTPS_PROXY: z.preprocess(blankToUndefined, z.string().optional()),
});
export type SandboxEnv = z.infer<typeof SandboxEnv>;

export interface SandboxSettings {
  env: SandboxEnv;
  config: Config;
  /** The file read, or the file that would be read when the demo configuration is in use. */
  configFile: string;
  demo: boolean;
  /** PHLO credentials were given: the real PHLO API is used instead of the simulator. */
  realPhlo: boolean;
}

const DEFAULT_CONFIG_FILE = './phlo-bot.yml';

/** Whether an address (HOST, or a Host header's name) is this machine's loopback only. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return isIPv4(v4) && v4.startsWith('127.');
}

/**
 * The sandbox's settings: the configuration file named by PHLO_BOT_CONFIG, else ./phlo-bot.yml if it
 * exists, else `demoYaml`. Throws ConfigError like loadSettings does.
 */
export function loadSandboxSettings(demoYaml: string, source: NodeJS.ProcessEnv = process.env): SandboxSettings {
  const parsed = SandboxEnv.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError('environment', issue?.message ?? 'invalid', issue?.path.map(String).join('.') ?? '', { cause: parsed.error });
  }
  const env = parsed.data;
  if (env.PLIVO_AUTH_ID !== undefined && !isLoopbackHost(env.HOST)) {
    // The sandbox has no sign-in: on another address, anyone who reaches the port would place real calls.
    throw new ConfigError(
      'environment',
      `${env.HOST} is not a loopback address, and with PLIVO_AUTH_ID set anyone who reaches the sandbox could act on the real PHLO (unset HOST to listen on 127.0.0.1, or unset PLIVO_AUTH_ID to use the simulator)`,
      'HOST',
    );
  }
  const named = env.PHLO_BOT_CONFIG;
  const configFile = named ?? DEFAULT_CONFIG_FILE;
  const demo = named === undefined && !existsSync(DEFAULT_CONFIG_FILE);
  const config = demo ? parseConfig(demoYaml, 'demo configuration') : loadConfigFile(configFile);
  return { env, config, configFile, demo, realPhlo: env.PLIVO_AUTH_ID !== undefined };
}

/** What the real app gets in the sandbox: the stand-ins' URLs and the secrets the sandbox made up. */
export function sandboxAppSettings(
  sandbox: SandboxSettings,
  stand: { slackApiUrl: string; botToken: string; signingSecret: string; phloUrl?: string; authId?: string; authToken?: string },
): Settings {
  const e = sandbox.env;
  const raw: Record<string, string | undefined> = {
    SLACK_BOT_TOKEN: stand.botToken,
    SLACK_SIGNING_SECRET: stand.signingSecret,
    SLACK_API_URL: stand.slackApiUrl,
    PORT: String(e.PORT),
    HOST: e.HOST,
    METRICS_PORT: e.METRICS_PORT,
    PLIVO_AUTH_ID: stand.authId ?? e.PLIVO_AUTH_ID,
    PLIVO_AUTH_TOKEN: stand.authToken ?? e.PLIVO_AUTH_TOKEN,
    PHLO_API_URL: stand.phloUrl ?? e.PHLO_API_URL,
    PHLO_TIMEOUT_MS: e.PHLO_TIMEOUT_MS,
    PHLO_MAX_CONCURRENCY: e.PHLO_MAX_CONCURRENCY,
    HTTPS_PROXY: e.HTTPS_PROXY,
    PHLO_BOT_CONFIG: sandbox.configFile,
    DATABASE_URL: e.DATABASE_URL,
    LOG_LEVEL: e.LOG_LEVEL,
  };
  const result = Env.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError('environment', issue?.message ?? 'invalid', issue?.path.map(String).join('.') ?? '', { cause: withoutSecrets(result.error) });
  }
  return { env: result.data, transport: transportOf(result.data), config: sandbox.config };
}
