#!/usr/bin/env node
import { startApp, type RunningApp } from './app.js';
import { ConfigError, loadSettings, sandboxRequested } from './config/index.js';
import { installProcessGuards } from './processGuards.js';

/** `npm start`: validate everything, start, and drain on SIGTERM/SIGINT. `phlo-bot check` and `phlo-bot backup FILE` do their one job instead. */
async function main(): Promise<void> {
  const writeLine = (line: string): void => { process.stdout.write(`${line}\n`); };
  if (process.argv[2] === 'check') {
    const { checkCommand } = await import('./preflight/command.js');
    process.exitCode = await checkCommand(undefined, writeLine);
    return;
  }
  if (process.argv[2] === 'backup') {
    const { backupCommand } = await import('./cli/backup.js');
    process.exitCode = await backupCommand(process.argv.slice(3), writeLine);
    return;
  }
  const sandbox = sandboxRequested(process.argv.slice(2));
  let settings;
  try {
    if (!sandbox) settings = loadSettings();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`phlo-bot: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // Listen before starting: a SIGTERM during start-up stops the app as soon as it is up.
  let app: RunningApp | undefined;
  let signalled: string | undefined;
  installProcessGuards(() => app?.logger);
  let stopping = false;
  const shutdown = (running: RunningApp, signal: string): void => {
    if (stopping) return;
    stopping = true;
    running.logger.info({ signal }, 'signal received');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  // Every signal stays handled until the process ends, and a second one changes nothing: under
  // `npm start`, one Ctrl-C arrives twice (from the terminal and forwarded by npm), and a default
  // SIGINT would kill the app mid-drain and make npm end with 130.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (app === undefined) signalled = signal;
      else shutdown(app, signal);
    });
  }
  try {
    // No Slack credentials outside production (or --sandbox): the app behind a Slack stand-in.
    // Loaded only when wanted: a production start never loads the sandbox's modules.
    app = settings === undefined ? await (await import('./sandbox/start.js')).startSandbox() : await startApp({ settings });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`phlo-bot: ${error.message}\n`);
    process.exit(2);
  }
  if (signalled !== undefined) shutdown(app, signalled);
}

main().catch((error: unknown) => {
  process.stderr.write(`phlo-bot: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
