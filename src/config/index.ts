import { Env, transportOf } from './env.js';
import type { Settings } from './settings.js';
import { ConfigError } from './errors.js';
import { loadConfigFile } from './file.js';
import { withoutSecrets } from './redact.js';

export { Env, type Transport } from './env.js';
export { ConfigError } from './errors.js';
export { maskUrlPassword } from './redact.js';
export { Config, parseConfig, loadConfigFile, Permission, PERMISSIONS } from './file.js';
export * from './lookup.js';
export { isLoopbackHost, loadSandboxSettings, sandboxAppSettings, sandboxRequested, type SandboxSettings } from './sandbox.js';

export type { Settings } from './settings.js';

/** Validates the environment (docs/configuration.md); the only reader of `process.env`. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // reportInput: so PORT=abc reads as a bad value, not as unset.
  const result = Env.safeParse(source, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.map(String).join('.') ?? '';
    const problem = issue?.code === 'invalid_type' && issue.input === undefined ? 'is not set' : (issue?.message ?? 'invalid');
    throw new ConfigError('environment', problem, name, { cause: withoutSecrets(result.error) });
  }
  return result.data;
}

/** `DATABASE_URL` alone (its default when unset), for commands that need nothing else, such as a backup. */
export function loadDatabaseUrl(source: NodeJS.ProcessEnv = process.env): string {
  const shape = Env.shape.DATABASE_URL;
  const result = shape.safeParse(source.DATABASE_URL === '' ? undefined : source.DATABASE_URL);
  if (!result.success) throw new ConfigError('environment', result.error.issues[0]?.message ?? 'invalid', 'DATABASE_URL', { cause: result.error });
  return result.data;
}

/** Everything the app needs to start, validated; throws ConfigError naming the first problem. */
export function loadSettings(source: NodeJS.ProcessEnv = process.env): Settings {
  const env = loadEnv(source);
  const config = loadConfigFile(env.PHLO_BOT_CONFIG);
  return { env, transport: transportOf(env), config };
}
