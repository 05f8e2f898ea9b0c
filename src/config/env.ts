import { z } from 'zod';
import { maskUrlPassword } from './redact.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

/**
 * A postgres:// URL the driver can read, refused here rather than when the store opens it, with the
 * password masked: one holding `/`, `#`, `?`, `@` or `:` must be percent-encoded.
 */
function checkPostgresUrl(url: string, ctx: z.RefinementCtx): void {
  if (!/^postgres(ql)?:\/\//.test(url)) return;
  const masked = maskUrlPassword(url);
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: `is not a valid URL (${masked}); percent-encode any / # ? @ : in the user name or password, e.g. %2F for /` });
  } else if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
    ctx.addIssue({ code: 'custom', message: `names no host (${masked})` });
  }
}

/** The environment (docs/configuration.md). Unset and empty variables are the same thing. */
export const Env = z
  .object({
    SLACK_BOT_TOKEN: optionalText.refine((t) => t === undefined || t.startsWith('xoxb-'), {
      error: 'must be a bot token starting with "xoxb-"',
    }),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((t) => t === undefined || t.startsWith('xapp-'), {
      error: 'must be an app-level token starting with "xapp-"',
    }),
    SLACK_API_URL: optionalText.refine((u) => u === undefined || (URL.canParse(u) && u.endsWith('/api/')), {
      error: 'must be a URL ending in "/api/"',
    }),
    PORT: optionalText.transform((v) => v ?? '3000').pipe(z.coerce.number<string>().int().min(0).max(65535)),
    // The sandbox defaults it to 127.0.0.1 itself (config/sandbox.ts).
    HOST: optionalText
      .transform((v) => v ?? '0.0.0.0')
      .pipe(z.union([z.hostname(), z.ipv6()], { error: 'must be an IP address or a host name' })),
    // Prometheus' conventional exporter port; 0 turns the listener off.
    METRICS_PORT: optionalText.transform((v) => v ?? '9464').pipe(z.coerce.number<string>().int().min(0).max(65535)),
    PLIVO_AUTH_ID: optionalText,
    PLIVO_AUTH_TOKEN: optionalText,
    PHLO_API_URL: optionalText
      .transform((v) => v ?? 'https://phlorunner.plivo.com/v1')
      .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
      .transform((u) => u.replace(/\/+$/, '')),
    PHLO_TIMEOUT_MS: optionalText.transform((v) => v ?? '10000').pipe(z.coerce.number<string>().int().min(100).max(120_000)),
    // Requests to PHLO in flight at once; a burst past it waits in line rather than opening more sockets.
    PHLO_MAX_CONCURRENCY: optionalText.transform((v) => v ?? '50').pipe(z.coerce.number<string>().int().min(1).max(1000)),
    HTTPS_PROXY: optionalText.refine((u) => u === undefined || URL.canParse(u), { error: 'must be a URL' }),
    PHLO_BOT_CONFIG: optionalText.transform((v) => v ?? './phlo-bot.yml'),
    DATABASE_URL: optionalText
      .transform((v) => v ?? 'sqlite:./data/phlo-bot.db')
      .pipe(z.string())
      .refine((u) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(u), {
        error: 'must be "sqlite:PATH" or "postgres://…"',
      })
      .superRefine(checkPostgresUrl),
    LOG_LEVEL: optionalText.transform((v) => v ?? 'info').pipe(z.enum(LOG_LEVELS)),
    // `production` turns on the start-up checks' log (and, read before this, rules out the sandbox).
    NODE_ENV: optionalText,
  })
  .superRefine((env, ctx) => {
    const required = (key: keyof typeof env, why: string): void => {
      if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `is not set (${why})` });
    };
    required('SLACK_BOT_TOKEN', 'the bot token, xoxb-…');
    if (env.SLACK_APP_TOKEN === undefined) required('SLACK_SIGNING_SECRET', 'required in HTTP mode; set SLACK_APP_TOKEN for Socket Mode');
    required('PLIVO_AUTH_ID', 'PHLO credentials');
    required('PLIVO_AUTH_TOKEN', 'PHLO credentials');
  });
export type Env = z.infer<typeof Env>;

export type Transport =
  | { mode: 'http'; signingSecret: string; port: number; host: string }
  | { mode: 'socket'; appToken: string; port: number; host: string };

export function transportOf(env: Env): Transport {
  if (env.SLACK_APP_TOKEN !== undefined) return { mode: 'socket', appToken: env.SLACK_APP_TOKEN, port: env.PORT, host: env.HOST };
  // superRefine guarantees the secret in HTTP mode.
  return { mode: 'http', signingSecret: env.SLACK_SIGNING_SECRET ?? '', port: env.PORT, host: env.HOST };
}
