import type { ActionRecord } from '../store/index.js';

/** The columns of the export: every field an action is recorded with (docs/storage.md), times in ISO 8601 UTC. */
export const CSV_COLUMNS = [
  'time',
  'team',
  'channel',
  'thread_ts',
  'user',
  'action',
  'phlo',
  'node',
  'member',
  'params',
  'outcome',
  'http_status',
  'api_id',
  'error',
  'latency_ms',
  'completed_at',
  'id',
  // Four eyes: why it was asked, who decided a request and when, who approved an action and which request it carried out.
  'reason',
  'decided_by',
  'decided_at',
  'approved_by',
  'request_id',
  // The entry point (command, modal, button, workflow); empty on rows recorded before it was kept.
  'source',
] as const;

/**
 * A cell a spreadsheet would run as a formula (`=`, `@`, a tab or CR first; `+` or `-` first unless the
 * rest is a plain number, so phone numbers stay as they are) gets a leading apostrophe.
 */
function defuse(value: string): string {
  if (/^[=@\t\r]/.test(value)) return `'${value}`;
  if (/^[+-]/.test(value) && !/^[+-][\d.]+$/.test(value)) return `'${value}`;
  return value;
}

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(raw: string | number | undefined): string {
  if (raw === undefined) return '';
  const value = typeof raw === 'number' ? String(raw) : defuse(raw);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(record: ActionRecord): string {
  const cells: (string | number | undefined)[] = [
    record.createdAt.toISOString(),
    record.teamId,
    record.channelId,
    record.threadTs,
    record.userId,
    record.action,
    record.phloId,
    record.nodeId,
    record.member,
    Object.keys(record.params).length === 0 ? undefined : JSON.stringify(record.params),
    record.outcome,
    record.httpStatus,
    record.apiId,
    record.error,
    record.latencyMs,
    record.completedAt?.toISOString(),
    record.id,
    record.reason,
    record.decidedBy,
    record.decidedAt?.toISOString(),
    record.approvedBy,
    record.requestId,
    record.source,
  ];
  return cells.map(csvField).join(',');
}

/** The export: a header line, then one line per record, CRLF line ends (RFC 4180). */
export function toCsv(records: readonly ActionRecord[]): string {
  return [CSV_COLUMNS.join(','), ...records.map(csvRow)].join('\r\n') + '\r\n';
}
