import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, toCsv } from '../../src/history/csv.js';
import { csvFilename } from '../../src/history/service.js';
import type { ActionRecord } from '../../src/store/index.js';

const record = (overrides: Partial<ActionRecord> = {}): ActionRecord => ({
  id: 'a1',
  createdAt: new Date('2025-04-01T09:00:00.123Z'),
  teamId: 'T1',
  channelId: 'C1',
  userId: 'U1',
  action: 'hold',
  params: {},
  outcome: 'ok',
  ...overrides,
});

describe('CSV fields (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['', ''],
  ])('%j → %s', (raw, expected) => {
    expect(csvField(raw)).toBe(expected);
  });

  it('leaves absent values empty and numbers as they are', () => {
    expect(csvField(undefined)).toBe('');
    expect(csvField(404)).toBe('404');
    expect(csvField(-3)).toBe('-3');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+cmd|calc', "'+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['\tx', "'\tx"],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ])('defuses a formula: %j → %s', (raw, expected) => {
    expect(csvField(raw)).toBe(expected);
  });

  it.each(['+14155551234', '-12', '1700000000.000100', 'sip:bob@phone.plivo.com'])('keeps %s as it is', (value) => {
    expect(csvField(value)).toBe(value);
  });
});

describe('the export', () => {
  it('has a header naming every recorded field, and CRLF line ends', () => {
    const text = toCsv([]);
    expect(text).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(CSV_COLUMNS).toEqual([
      'time', 'team', 'channel', 'thread_ts', 'user', 'action', 'phlo', 'node', 'member', 'params',
      'outcome', 'http_status', 'api_id', 'error', 'latency_ms', 'completed_at', 'id',
      'reason', 'decided_by', 'decided_at', 'approved_by', 'request_id', 'source',
    ]);
  });

  it('writes one line per record, times in ISO 8601 UTC', () => {
    const full = record({
      threadTs: '1700000000.000100',
      phloId: 'p1',
      nodeId: 'n1',
      member: '+14155551234',
      params: { note: 'a, b' },
      outcome: 'failed',
      httpStatus: 400,
      apiId: 'api-1',
      error: 'PHLO said "no"',
      latencyMs: 120,
      completedAt: new Date('2025-04-01T09:00:01.000Z'),
    });
    const lines = toCsv([full, record({ id: 'a2' })]).split('\r\n');
    expect(lines[1]).toBe(
      '2025-04-01T09:00:00.123Z,T1,C1,1700000000.000100,U1,hold,p1,n1,+14155551234,"{""note"":""a, b""}",failed,400,api-1,"PHLO said ""no""",120,2025-04-01T09:00:01.000Z,a1,,,,,,',
    );
    expect(lines[2]).toBe('2025-04-01T09:00:00.123Z,T1,C1,,U1,hold,,,,,ok,,,,,,a2,,,,,,');
    expect(lines[3]).toBe('');
  });

  it('names both people of a four-eyes action: who asked and why, who decided and when, who approved what ran', () => {
    const request = record({
      id: 'r1',
      outcome: 'approved',
      reason: 'abusive caller',
      decidedBy: 'U2',
      decidedAt: new Date('2025-04-01T09:02:00.000Z'),
    });
    const ran = record({ id: 'a3', approvedBy: 'U2', requestId: 'r1', source: 'workflow' });
    const [, requestLine, ranLine] = toCsv([request, ran]).split('\r\n');
    expect(requestLine).toBe('2025-04-01T09:00:00.123Z,T1,C1,,U1,hold,,,,,approved,,,,,,r1,abusive caller,U2,2025-04-01T09:02:00.000Z,,,');
    expect(ranLine).toBe('2025-04-01T09:00:00.123Z,T1,C1,,U1,hold,,,,,ok,,,,,,a3,,,,U2,r1,workflow');
  });

  it('is named after the channel and the time', () => {
    expect(csvFilename('C0123', new Date('2025-04-01T09:08:07.654Z'))).toBe('phlo-history-C0123-20250401T090807Z.csv');
    expect(csvFilename('../C1', new Date('2025-04-01T09:08:07.654Z'))).toBe('phlo-history-C1-20250401T090807Z.csv');
  });
});
