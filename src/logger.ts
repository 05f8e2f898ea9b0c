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
