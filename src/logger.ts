import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/** Header and field names that hold secrets; pino censors them wherever they appear in a log object. */
const REDACT = [
  'token',
  'authorization',
  'Authorization',
  '*.token',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'signingSecret',
  '*.signingSecret',
  'appToken',
  'botToken',
  'authToken',
  '*.authToken',
  'password',
];

export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'phlo-bot' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/**
 * Scrubs known secret values out of free text before it is logged (error messages from
 * libraries can quote a URL or header). Used for the error strings we log.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}
