/**
 * The CSV file `/phlo history --csv` uploads: the store's rows rendered, ready for Slack. Read and
 * rendered a page at a time (a few hundred rows), letting the event loop go between pages: on SQLite
 * every query runs synchronously, and 10,000 rows read, checked and rendered in one go held up every
 * other request for over 100 ms.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';
import type { ActionRepo, HistoryCursor, HistoryQuery } from '../store/index.js';
import { CSV_COLUMNS, csvRow } from './csv.js';

/** What one page (read, checked, rendered) should take: well under the 50 ms a waiting request would notice. */
const PAGE_TARGET_MS = 10;
const FIRST_PAGE_ROWS = 200;
const MIN_PAGE_ROWS = 50;
const MAX_PAGE_ROWS = 1_000;

export interface CsvExport {
  /** The file's bytes (UTF-8). */
  file: Buffer;
  /** How many actions it lists. */
  rows: number;
}

const CRLF = '\r\n';

/**
 * Reads up to `q.limit` actions, newest first, and renders them as the export's CSV, the same bytes as
 * `toCsv` of one read. Pages follow each other by keyset (the last row's time and id), so an action
 * recorded meanwhile, being newer, neither shifts nor repeats a row. Pages are sized to take about
 * PAGE_TARGET_MS on this machine as it is now: a loaded one gets smaller pages, not longer blocks.
 */
export async function renderCsvExport(actions: Pick<ActionRepo, 'history'>, q: Omit<HistoryQuery, 'offset' | 'before'>): Promise<CsvExport> {
  const chunks: Buffer[] = [Buffer.from(CSV_COLUMNS.join(',') + CRLF, 'utf8')];
  let rows = 0;
  let before: HistoryCursor | undefined;
  let size = FIRST_PAGE_ROWS;
  for (;;) {
    const asked = Math.min(size, q.limit - rows);
    if (asked <= 0) break;
    const started = performance.now();
    const page = await actions.history({ ...q, limit: asked, before });
    if (page.length > 0) chunks.push(Buffer.from(page.map(csvRow).join(CRLF) + CRLF, 'utf8'));
    rows += page.length;
    const last = page.at(-1);
    if (page.length < asked || last === undefined) break;
    before = { createdAt: last.createdAt, id: last.id };
    const tookMs = Math.max(performance.now() - started, 0.1);
    // Towards the target, at most doubling at a time.
    size = Math.round(Math.min(MAX_PAGE_ROWS, 2 * size, Math.max(MIN_PAGE_ROWS, (size * PAGE_TARGET_MS) / tookMs)));
    await setImmediate();
  }
  return { file: Buffer.concat(chunks), rows };
}
