import { ConfigError, loadDatabaseUrl } from '../config/index.js';
import { backupSqlite, BackupFailedError } from '../store/index.js';

/**
 * `phlo-bot backup FILE`: an online copy of the SQLite database, safe while the app runs. Exit 0 with one
 * line saying what was written, or 1 with one line saying why not.
 */
export async function backupCommand(args: readonly string[], write: (line: string) => void, source?: NodeJS.ProcessEnv): Promise<number> {
  const destination = args[0];
  if (destination === undefined || args.length > 1) {
    write('usage: phlo-bot backup FILE   (an online copy of the SQLite database named by DATABASE_URL)');
    return 1;
  }
  try {
    const result = await backupSqlite(loadDatabaseUrl(source), destination);
    write(`phlo-bot: backed up ${result.pages} pages to ${result.destination}`);
    return 0;
  } catch (error) {
    if (error instanceof BackupFailedError || error instanceof ConfigError) {
      write(`phlo-bot: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
