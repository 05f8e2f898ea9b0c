import { WebClient } from '@slack/web-api';
import { ConfigError, loadSettings, type Settings } from '../config/index.js';
import type { PhloClient } from '../plivo/index.js';
import { phloClientFor } from '../phloClient.js';
import { checkLine } from '../text/preflight.js';
import { runPreflight, type CheckResult, type PreflightDeps } from './checks.js';

/** Clients for the reads of a check: few retries, short timeouts, so a wrong setting is told quickly. */
export function preflightClients(settings: Settings): { slack: WebClient; phlo: PhloClient } {
  const { env } = settings;
  const slack = new WebClient(env.SLACK_BOT_TOKEN, {
    ...(env.SLACK_API_URL === undefined ? {} : { slackApiUrl: env.SLACK_API_URL }),
    retryConfig: { retries: 1, minTimeout: 250, maxTimeout: 1000 },
    timeout: 5000,
  });
  return { slack, phlo: phloClientFor(env, { maxConcurrency: 4 }) };
}

/**
 * `phlo-bot check`: one line per check on stdout, exit status 0 when everything holds and 1 when
 * anything does not. It reads the environment, the configuration file, Slack and PHLO; it writes nothing.
 */
export async function checkCommand(source: NodeJS.ProcessEnv | undefined, write: (line: string) => void): Promise<number> {
  let settings: Settings;
  try {
    settings = loadSettings(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    write(checkLine({ ok: false, subject: 'environment and configuration', detail: error.message }));
    return 1;
  }
  write(checkLine({ ok: true, subject: 'environment and configuration', detail: `valid (${settings.env.PHLO_BOT_CONFIG}, ${settings.transport.mode === 'socket' ? 'Socket Mode' : 'HTTP'})` }));
  const clients = preflightClients(settings);
  try {
    const results = await runPreflight({ config: settings.config, ...clients });
    for (const result of results) write(checkLine(result));
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await clients.phlo.close();
  }
}

/** The same reads at start-up, logged: a failure is a warning, since PHLO may be briefly out of reach. */
export async function logPreflight(
  deps: PreflightDeps,
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void },
): Promise<CheckResult[]> {
  const results = await runPreflight(deps);
  for (const result of results) {
    if (result.ok) logger.info({ check: result.subject, detail: result.detail }, 'start-up check passed');
    else logger.warn({ check: result.subject, detail: result.detail }, 'start-up check failed');
  }
  return results;
}
