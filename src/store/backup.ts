import { existsSync } from 'node:fs';
import { parseDatabaseUrl } from './connect.js';
import { BackupFailedError } from './errors.js';

/** What a backup wrote. */
export interface BackupResult {
  destination: string;
  pages: number;
}

/**
 * Copies a SQLite database to `destination` with SQLite's online backup, page by page, while the app
 * goes on writing: unlike a file copy it never catches the database half-written, and the write-ahead
 * log's pages are in it. PostgreSQL has pg_dump for this.
 */
export async function backupSqlite(databaseUrl: string, destination: string): Promise<BackupResult> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.dialect !== 'sqlite') throw new BackupFailedError(destination, 'DATABASE_URL is PostgreSQL: use pg_dump');
  if (!existsSync(target.path)) throw new BackupFailedError(destination, `there is no database at ${target.path}`);
  if (existsSync(destination)) throw new BackupFailedError(destination, 'a file is already there; phlo-bot does not overwrite it');
  // Loaded here, not at the top: the store's index exports this, and a PostgreSQL deployment must not
  // load SQLite's native module for nothing.
  const { default: Database } = await import('better-sqlite3');
  const source = new Database(target.path, { readonly: true, fileMustExist: true });
  try {
    // Read-only, but it must still wait for the app's write lock rather than fail at once.
    source.pragma('busy_timeout = 5000');
    const { totalPages } = await source.backup(destination);
    return { destination, pages: totalPages };
  } catch (cause) {
    throw new BackupFailedError(destination, cause instanceof Error ? cause.message : String(cause), { cause });
  } finally {
    source.close();
  }
}
