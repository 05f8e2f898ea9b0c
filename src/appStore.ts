import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { openStore, type Store } from './store/index.js';

/** The store, with what it reports about itself (lost connections, SQLite's checkpoints, held outcomes) logged and counted. */
export async function openAppStore(databaseUrl: string, logger: Logger, metrics: Metrics): Promise<Store> {
  const store = await openStore(databaseUrl, {
    onIdleError: (error) => { logger.warn({ err: error }, 'database connection lost while idle; the pool will open another'); },
    onCheckpointError: (error) => {
      metrics.sqliteCheckpointFailures.inc();
      logger.warn({ err: error }, "SQLite's checkpoint thread failed; SQLite checkpoints on its own until a new one starts");
    },
    onCheckpointRestart: () => {
      metrics.sqliteCheckpointRestarts.inc();
      logger.info("SQLite's checkpoint thread started again");
    },
    onCheckpoint: (result) => { metrics.sqliteWalPages.set(result.walPages); },
    onHeldOutcome: (event, actionId, error) => {
      metrics.heldOutcomeWrites.inc({ result: event });
      if (event === 'written') logger.info({ actionId }, 'held outcome written');
      else if (event === 'settled') logger.warn({ err: error, actionId }, 'held outcome dropped: the action has a final outcome already, or is gone');
      else if (event === 'failed') logger.warn({ err: error, actionId }, 'held outcome still refused; trying again later');
    },
  });
  metrics.watchHeldOutcomes(() => store.heldOutcomes.size);
  return store;
}
