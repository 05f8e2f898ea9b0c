/** The CSV file `/phlo history --csv` uploads: the store's rows rendered, ready for Slack. */
import type { ActionRepo, HistoryQuery } from '../store/index.js';
import { toCsv } from './csv.js';

export interface CsvExport {
  /** The file's bytes (UTF-8). */
  file: Buffer;
  /** How many actions it lists. */
  rows: number;
}

/** Reads up to `q.limit` actions, newest first, and renders them as the export's CSV. */
export async function renderCsvExport(actions: Pick<ActionRepo, 'history'>, q: Omit<HistoryQuery, 'offset'>): Promise<CsvExport> {
  const records = await actions.history(q);
  return { file: Buffer.from(toCsv(records), 'utf8'), rows: records.length };
}
