/**
 * The history benchmark's data and databases: a year of actions generated deterministically, loaded
 * straight into a migrated schema on SQLite or on a throwaway PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';

// --- The data: one team; 100 channels, one of them busy (10% of all rows); 500 users; 5,000 members;
// a year of history, oldest first, as the app writes it. ---

export const TEAM = 'T0BENCH';
export const CHANNELS = 100;
export const USERS = 500;
const MEMBERS = 5_000;
const YEAR_MS = 365 * 24 * 3600 * 1000;
const ACTIONS = ['call', 'warm_transfer', 'cold_transfer', 'hold', 'unhold', 'hangup', 'resume', 'abort', 'voicemail'];
const OUTCOMES = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'failed', 'denied', 'invalid', 'duplicate', 'unknown'];

export const channelId = (n: number): string => `C${String(n).padStart(8, '0')}`;
export const userId = (n: number): string => `U${String(n).padStart(8, '0')}`;
const member = (n: number): string => `+1415${String(5_000_000 + n).padStart(7, '0')}`;

/** A deterministic generator (mulberry32), so both dialects and every run see the same rows. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  id: string;
  created_at: number;
  completed_at: number;
  team_id: string;
  channel_id: string;
  thread_ts: string;
  user_id: string;
  action: string;
  phlo_id: string;
  node_id: string;
  member: string;
  params: string;
  outcome: string;
  http_status: number;
  api_id: string;
  latency_ms: number;
}

/** (channel, member) pairs that occur in the table, for `--member` asks that find something. */
export type Pairs = { channel: string; member: string }[];

function* rows(count: number, end: number, pairs?: Pairs): Generator<Row> {
  const every = Math.max(1, Math.floor(count / 500));
  const random = rng(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const start = end - YEAR_MS;
  for (let i = 0; i < count; i++) {
    const createdAt = Math.floor(start + (i / count) * YEAR_MS);
    const channel = random() < 0.1 ? 0 : 1 + Math.floor(random() * (CHANNELS - 1));
    const m = Math.floor(random() * MEMBERS);
    if (pairs !== undefined && i % every === 0) pairs.push({ channel: channelId(channel), member: member(m) });
    yield {
      id: randomUUID(),
      created_at: createdAt,
      completed_at: createdAt + 300,
      team_id: TEAM,
      channel_id: channelId(channel),
      thread_ts: `${Math.floor(createdAt / 1000)}.000100`,
      user_id: userId(Math.floor(random() * USERS)),
      action: pick(ACTIONS),
      phlo_id: '4c1a9f23-7f56-4879-bb80-db856e1e7701',
      node_id: 'b4b48fc2-f47a-4a93-97c3-749ed9a40fa8',
      member: member(m),
      params: JSON.stringify({ member: member(m) }),
      outcome: pick(OUTCOMES),
      http_status: 200,
      api_id: randomUUID(),
      latency_ms: 50 + Math.floor(random() * 400),
    };
  }
}

const COLUMNS = [
  'id', 'created_at', 'completed_at', 'team_id', 'channel_id', 'thread_ts', 'user_id', 'action', 'phlo_id',
  'node_id', 'member', 'params', 'outcome', 'http_status', 'api_id', 'latency_ms',
] as const satisfies readonly (keyof Row)[];

// --- Loading: straight into the migrated schema, so the store's own indexes are what is measured. ---

function loadSqlite(path: string, count: number, end: number, pairs: Pairs): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(`INSERT INTO actions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const batch = db.transaction((items: Row[]) => {
    for (const item of items) insert.run(item);
  });
  let items: Row[] = [];
  for (const row of rows(count, end, pairs)) {
    items.push(row);
    if (items.length === 20_000) {
      batch(items);
      items = [];
    }
  }
  batch(items);
  db.exec('ANALYZE');
  db.close();
}

const PG_TYPES: Record<(typeof COLUMNS)[number], string> = {
  id: 'text', created_at: 'bigint', completed_at: 'bigint', team_id: 'text', channel_id: 'text', thread_ts: 'text',
  user_id: 'text', action: 'text', phlo_id: 'text', node_id: 'text', member: 'text', params: 'text', outcome: 'text',
  http_status: 'integer', api_id: 'text', latency_ms: 'integer',
};

async function loadPostgres(url: string, count: number, end: number, pairs: Pairs): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const text = `INSERT INTO actions (${COLUMNS.join(', ')}) SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c]}[]`).join(', ')})`;
    let items: Row[] = [];
    const flush = async (): Promise<void> => {
      if (items.length === 0) return;
      await client.query(text, COLUMNS.map((c) => items.map((r) => r[c])));
      items = [];
    };
    for (const row of rows(count, end, pairs)) {
      items.push(row);
      if (items.length === 10_000) await flush();
    }
    await flush();
    await client.query('VACUUM ANALYZE actions');
  } finally {
    await client.end();
  }
}

// --- Databases ---

export interface Target {
  dialect: 'sqlite' | 'postgres';
  /** A fresh, empty database URL for each table size; and how to remove it. */
  create(): Promise<{ url: string; drop(): Promise<void> }>;
  load(url: string, count: number, end: number, pairs: Pairs): Promise<void>;
  close(): Promise<void>;
}

export function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-bench-'));
  let n = 0;
  return {
    dialect: 'sqlite',
    // SQLite is synchronous here; the promises only fit the shape Target shares with PostgreSQL.
    create: () => {
      const path = join(dir, `history-${++n}.db`);
      const drop = (): Promise<void> => {
        rmSync(path, { force: true });
        return Promise.resolve();
      };
      return Promise.resolve({ url: `sqlite:${path}`, drop });
    },
    load: (url, count, end, pairs) => {
      loadSqlite(url.slice('sqlite:'.length), count, end, pairs);
      return Promise.resolve();
    },
    close: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

const PG_SH = fileURLToPath(new URL('../../../scripts/pg.sh', import.meta.url));

export function postgresTarget(): Target | string {
  let server = process.env.BENCH_POSTGRES_URL;
  let stop = (): Promise<void> => Promise.resolve();
  if (server === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-bench-pg-'));
    const started = spawnSync('bash', [PG_SH, 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (started.status !== 0) {
      spawnSync('bash', [PG_SH, 'stop', dir], { stdio: 'ignore' });
      return `scripts/pg.sh start failed (run scripts/pg.sh install, or set BENCH_POSTGRES_URL): ${started.stderr.trim().split('\n').at(-1) ?? ''}`;
    }
    server = started.stdout.trim();
    stop = () => {
      spawnSync('bash', [PG_SH, 'stop', dir], { stdio: 'ignore' });
      return Promise.resolve();
    };
  }
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    dialect: 'postgres',
    create: async () => {
      const name = `phlo_bench_${randomBytes(5).toString('hex')}`;
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(server);
      url.pathname = `/${name}`;
      return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
    },
    load: loadPostgres,
    close: stop,
  };
}

