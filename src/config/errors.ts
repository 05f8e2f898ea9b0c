import { PhloBotError } from '../errors.js';

/** A bad environment variable or configuration file: the app refuses to start. */
export class ConfigError extends PhloBotError {
  readonly code = 'CONFIG_INVALID';

  /**
   * @param source the file name, or "environment"
   * @param problem what is wrong, already phrased for an admin
   * @param path the path inside the file (`users.U0123ALICE.role`), if any
   */
  constructor(
    readonly source: string,
    readonly problem: string,
    readonly path?: string,
  ) {
    super(path === undefined || path === '' ? `${source}: ${problem}` : `${source}: ${path}: ${problem}`);
  }
}
