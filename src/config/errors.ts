import { PhloBotError } from '../errors.js';

/** A bad environment variable or configuration file: the app refuses to start. */
export class ConfigError extends PhloBotError {
  readonly code = 'CONFIG_INVALID';

  /**
   * @param source the file name with the line and column when known (`phlo-bot.yml:12:11`), or "environment"
   * @param problem what is wrong, already phrased for an admin
   * @param path the path inside the file (`users.U0123ALICE.role`), if any
   */
  constructor(
    readonly source: string,
    readonly problem: string,
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(path === undefined || path === '' ? `${source}: ${problem}` : `${source}: ${path}: ${problem}`, options);
  }
}
