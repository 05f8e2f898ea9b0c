/** What the benchmarks read of a running phlo-bot from outside: its /metrics and its database rows. */
import Database from 'better-sqlite3';

/** One Prometheus sample line: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (match?.[1] === undefined || match[3] === undefined) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      if (pair[1] !== undefined) labels[pair[1]] = pair[2] ?? '';
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

export interface AppReading {
  /**
   * Event-loop delay since the previous reading, ms: prom-client's default metrics sample
   * perf_hooks.monitorEventLoopDelay and reset the histogram on every scrape, so reading once before a
   * burst and once after gives the burst's own figures.
   */
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  /** phlo_bot_actions_total by outcome. */
  actions: Record<string, number>;
}

export async function readApp(metricsUrl: string): Promise<AppReading> {
  const res = await fetch(`${metricsUrl}/metrics`);
  const samples = parseMetrics(await res.text());
  const one = (name: string): number => samples.find((s) => s.name === name)?.value ?? Number.NaN;
  const actions: Record<string, number> = {};
  for (const s of samples.filter((x) => x.name === 'phlo_bot_actions_total')) {
    const outcome = s.labels.outcome ?? '?';
    actions[outcome] = (actions[outcome] ?? 0) + s.value;
  }
  return {
    eventLoopP99Ms: one('nodejs_eventloop_lag_p99_seconds') * 1000,
    eventLoopMaxMs: one('nodejs_eventloop_lag_max_seconds') * 1000,
    actions,
  };
}

/** Rows of the history by outcome, read from the app's SQLite file (read-only, beside the app's WAL). */
export function rowsByOutcome(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT outcome, count(*) AS n FROM actions GROUP BY outcome').all() as { outcome: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
  } finally {
    db.close();
  }
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
