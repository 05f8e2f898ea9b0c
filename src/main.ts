import { startApp } from './app.js';
import { ConfigError, loadSettings } from './config/index.js';

/** `npm start`: validate everything, start, and drain on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`phlo-bot: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await startApp({ settings });
  const shutdown = (signal: string): void => {
    app.logger.info({ signal }, 'signal received');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`phlo-bot: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
