/**
 * A deployment loads the driver of its own database only: pg is several MB of memory that a SQLite
 * deployment would carry for nothing, and better-sqlite3's native module is of no use on PostgreSQL.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { appEnv, startAppProcess } from '../support/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { LOADED_PACKAGES_PREFIX } from '../support/loadedPackages.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseName } from '../store/databases.js';
import { CONFIG_YAML, startSimulator, TEAM } from './harness.js';

const PRELOAD = join(import.meta.dirname, '../support/loadedPackages.ts');

let slack: FakeSlack;
let phlo: PhloSimulator;
let configPath: string;

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startSimulator();
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-drivers-'));
  configPath = join(dir, 'phlo-bot.yml');
  writeFileSync(configPath, CONFIG_YAML);
});
afterAll(async () => {
  await Promise.all([slack.close(), phlo.close()]);
});

/** Starts the app on the database, stops it, and returns the packages it had loaded by then. */
async function packagesLoadedBy(database: TestDatabase): Promise<string[]> {
  const env = appEnv({ slackApiUrl: slack.apiUrl, phloUrl: phlo.url, configPath, databaseUrl: database.url, phloTimeoutMs: 8000 });
  const child = startAppProcess(env, { preload: PRELOAD });
  await child.started();
  child.kill('SIGTERM');
  expect((await child.exit).code).toBe(0);
  const line = child.stderr.find((l) => l.startsWith(LOADED_PACKAGES_PREFIX));
  if (line === undefined) throw new Error(`no list of loaded packages:\n${child.lines.join('\n')}`);
  return JSON.parse(line.slice(LOADED_PACKAGES_PREFIX.length)) as string[];
}

describe.each<[TestDatabaseName, string, string]>([
  ['sqlite', 'better-sqlite3', 'pg'],
  ['postgres', 'pg', 'better-sqlite3'],
])('started on %s', (name, driver, other) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(name);
  });
  afterAll(async () => {
    await database.drop();
  });

  it(`loads ${driver} and never ${other}`, async () => {
    const packages = await packagesLoadedBy(database);
    expect(packages).toContain(driver);
    expect(packages).not.toContain(other);
  });
});
