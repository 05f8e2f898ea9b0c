/**
 * History on a large table: the queries behind `/phlo history` (with and without --member), the App Home
 * and the CSV export, timed through the store's own API on a table of 1,000 rows and on one of
 * 1,000,000, on SQLite and on PostgreSQL. Prints p50/p95/max per query and the large/small ratios, all
 * measured in this run.
 *
 *   npm run bench                          # SQLite, and PostgreSQL from scripts/pg.sh (a throwaway server)
 *   BENCH_POSTGRES_URL=postgres://u@h/db   # use that server instead (a database is created and dropped)
 *   BENCH_ROWS=200000 BENCH_RUNS=100       # a quicker run
 *   BENCH_DIALECTS=sqlite                  # one dialect only
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = Math.max(10, Math.floor(RUNS / 10));
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
/** "Tens of milliseconds" on a million rows: the bar each p95 is held to. */
const BUDGET_MS = 50;

// --- The data: one team; 100 channels, one of them busy (10% of all rows); 500 users; 5,000 members;
// a year of history, oldest first, as the app writes it. ---

const TEAM = 'T0BENCH';
const CHANNELS = 100;
const USERS = 500;
const MEMBERS = 5_000;
const YEAR_MS = 365 * 24 * 3600 * 1000;
const ACTIONS = ['call', 'warm_transfer', 'cold_transfer', 'hold', 'unhold', 'hangup', 'resume', 'abort', 'voicemail'];
const OUTCOMES = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'failed', 'denied', 'invalid', 'duplicate', 'unknown'];

const channelId = (n: number): string => `C${String(n).padStart(8, '0')}`;
const userId = (n: number): string => `U${String(n).padStart(8, '0')}`;
const member = (n: number): string => `+1415${String(5_000_000 + n).padStart(7, '0')}`;

/** A deterministic generator (mulberry32), so both dialects and every run see the same rows. */
function rng(seed: number): () => number {
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
type Pairs = { channel: string; member: string }[];

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

// --- Measuring ---

interface Measured {
  query: string;
  p50: number;
  p95: number;
  max: number;
  rows: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(name: string, runs: number, run: (random: () => number) => Promise<unknown[]>): Promise<Measured> {
  const random = rng(7);
  for (let i = 0; i < Math.min(WARMUP, runs); i++) await run(random);
  const times: number[] = [];
  let returned = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = await run(random);
    times.push(performance.now() - started);
    returned += result.length;
  }
  times.sort((x, y) => x - y);
  return { query: name, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? Number.NaN, rows: returned / runs };
}

/** Half the asks are about the busy channel, the rest about any other. */
const someChannel = (random: () => number): string => channelId(random() < 0.5 ? 0 : 1 + Math.floor(random() * (CHANNELS - 1)));

async function queries(store: Store, pairs: Pairs, withCsv: boolean): Promise<Measured[]> {
  const out: Measured[] = [];
  out.push(await measure('/phlo history (limit 10)', RUNS, (r) => store.actions.history({ teamId: TEAM, channelId: someChannel(r), limit: 10 })));
  out.push(await measure('/phlo history --limit 50', RUNS, (r) => store.actions.history({ teamId: TEAM, channelId: someChannel(r), limit: 50 })));
  out.push(
    await measure('/phlo history --member M', RUNS, (r) => {
      const pair = pairs[Math.floor(r() * pairs.length)] as Pairs[number];
      return store.actions.history({ teamId: TEAM, channelId: pair.channel, member: pair.member, limit: 10 });
    }),
  );
  out.push(await measure('App Home (own last 10)', RUNS, (r) => store.actions.byUser({ teamId: TEAM, userId: userId(Math.floor(r() * USERS)), limit: 10 })));
  if (withCsv) {
    out.push(await measure(CSV_QUERY, Math.max(5, Math.floor(RUNS / 30)), () => store.actions.history({ teamId: TEAM, channelId: channelId(0), limit: 10_000 })));
  }
  return out;
}

const CSV_QUERY = '--csv (10,000 rows, busy channel)';

// --- Databases ---

interface Target {
  dialect: 'sqlite' | 'postgres';
  /** A fresh, empty database URL for each table size; and how to remove it. */
  create(): Promise<{ url: string; drop(): Promise<void> }>;
  load(url: string, count: number, end: number, pairs: Pairs): Promise<void>;
  close(): Promise<void>;
}

function sqliteTarget(): Target {
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

const PG_SH = fileURLToPath(new URL('../../scripts/pg.sh', import.meta.url));

function postgresTarget(): Target | string {
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

// --- Report ---

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(7);
const count = (n: number): string => n.toLocaleString('en-US');

async function runTarget(target: Target): Promise<Map<number, Measured[]>> {
  const results = new Map<number, Measured[]>();
  for (const size of [SMALL, LARGE]) {
    const database = await target.create();
    try {
      // The store creates the schema (migrations), then rows go straight in.
      const empty = await openStore(database.url);
      await empty.close();
      const loadStarted = performance.now();
      const pairs: Pairs = [];
      await target.load(database.url, size, Date.now(), pairs);
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const store = await openStore(database.url);
      try {
        const measured = await queries(store, pairs, size === LARGE);
        results.set(size, measured);
        console.log(`\n${target.dialect}, ${count(size)} rows (loaded in ${loadSeconds.toFixed(1)} s), ${RUNS} runs per query:`);
        console.log(`  ${'query'.padEnd(36)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'max ms'.padStart(7)}  rows`);
        for (const m of measured) console.log(`  ${m.query.padEnd(36)} ${fmt(m.p50)} ${fmt(m.p95)} ${fmt(m.max)}  ${Math.round(m.rows)}`);
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  }
  return results;
}

async function main(): Promise<void> {
  console.log(`phlo-bot history benchmark: ${count(LARGE)} rows vs ${count(SMALL)} rows, through the store's API (${process.version})`);
  const summary: string[] = [];
  let overBudget = false;
  for (const dialect of DIALECTS) {
    const target = dialect === 'sqlite' ? sqliteTarget() : dialect === 'postgres' ? postgresTarget() : `unknown dialect "${dialect}"`;
    if (typeof target === 'string') {
      summary.push(`${dialect}: skipped: ${target}`);
      continue;
    }
    try {
      const results = await runTarget(target);
      const small = results.get(SMALL) ?? [];
      for (const large of results.get(LARGE) ?? []) {
        const base = small.find((s) => s.query === large.query);
        // The export reads up to 10,000 rows once, for a reviewer: reported, not held to the budget.
        const exempt = large.query === CSV_QUERY;
        const within = exempt || large.p95 <= BUDGET_MS;
        overBudget ||= !within;
        summary.push(
          `${target.dialect.padEnd(8)} ${large.query.padEnd(36)} p50 ${fmt(large.p50)} ms  p95 ${fmt(large.p95)} ms` +
            (base === undefined ? '               ' : `  ×${(large.p50 / base.p50).toFixed(1)} p50, ×${(large.p95 / base.p95).toFixed(1)} p95 vs ${count(SMALL)} rows`) +
            `  ${exempt ? '(export: not held to the budget)' : within ? 'ok' : `OVER ${BUDGET_MS} ms`}`,
        );
      }
    } finally {
      await target.close();
    }
  }
  console.log(`\nSummary: ${count(LARGE)} rows, p95 budget ${BUDGET_MS} ms`);
  for (const line of summary) console.log(`  ${line}`);
  if (overBudget) process.exitCode = 1;
}

await main();
