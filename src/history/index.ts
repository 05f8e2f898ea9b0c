export { CSV_COLUMNS, csvField, toCsv } from './csv.js';
export { renderCsvExport, type CsvExport } from './export.js';
export { CSV_MAX_ROWS, DEFAULT_HISTORY_LIMIT, HISTORY_PERMISSION, csvFilename, runHistory, type HistoryDeps } from './service.js';
