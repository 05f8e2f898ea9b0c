import type { Env, Transport } from './env.js';
import type { Config } from './file.js';

/** Everything the app needs to start, validated. */
export interface Settings {
  env: Env;
  transport: Transport;
  config: Config;
}
