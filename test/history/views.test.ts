import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../src/store/index.js';
import { historyForAskerView, historyLine, historyView, type HistoryEntry } from '../../src/views/history.js';
import { homeLine, homeView } from '../../src/views/home.js';
import { violations } from '../views/helpers.js';

const at = new Date('2025-04-01T09:00:00.000Z');
const record = (i: number, overrides: Partial<ActionRecord> = {}): ActionRecord => ({
  id: `a${i}`,
  createdAt: new Date(at.getTime() - i * 1000),
  teamId: 'T1',
  channelId: 'C1',
  userId: 'U1',
  action: 'hold',
  member: '+14155551234',
  params: {},
  outcome: 'ok',
  ...overrides,
});

const textOf = (blocks: unknown[]): string =>
  blocks
    .map((b) => {
      const block = b as { text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] };
      return [block.text?.text, ...(block.fields ?? []).map((f) => f.text), ...(block.elements ?? []).map((e) => e.text)].join('\n');
    })
    .join('\n');

describe('a history line', () => {
  it('has the time in each reader’s zone, who, the action, the member, the outcome and the thread link', () => {
    const line = historyLine({ record: record(0, { userId: 'U9', threadTs: '1.2' }), threadLink: 'https://x.slack.com/archives/C1/p12?thread_ts=1&cid=C1' });
    expect(line).toBe(
      '<!date^1743498000^{date_short_pretty} {time_secs}|2025-04-01T09:00:00.000Z> · <@U9> · *Hold* `+14155551234` · :white_check_mark: ok · <https://x.slack.com/archives/C1/p12?thread_ts=1&amp;cid=C1|call thread>',
    );
  });

  it('names refused attempts, and escapes what the record holds', () => {
    expect(historyLine({ record: record(0, { action: 'command', member: undefined, outcome: 'invalid' }) })).toContain('*Command* · :pencil2: invalid');
    expect(historyLine({ record: record(0, { action: 'call', member: undefined, params: { to: '<!here>' }, outcome: 'denied' }) })).toContain(
      '*Call* `&lt;!here&gt;` · :no_entry: denied',
    );
    const odd = historyLine({ record: record(0, { action: '<!channel>', outcome: 'pending' }) });
    expect(odd).toContain('*&lt;!channel&gt;*');
    expect(odd).toContain(':hourglass_flowing_sand: in progress');
  });
});

describe('the history message', () => {
  it('keeps 50 long rows whole within Slack’s limits', () => {
    const member = `sip:${'x'.repeat(200)}@pbx.example.com`;
    const link = `https://example.slack.com/archives/C1/p${'1'.repeat(200)}`;
    const entries: HistoryEntry[] = Array.from({ length: 50 }, (_, i) => ({ record: record(i, { member, threadTs: '1.2' }), threadLink: link }));
    const view = historyView({ channelId: 'C1', askedBy: 'U2', entries });
    expect(violations(view, 'message')).toEqual([]);
    const lines = textOf(view.blocks).split('\n').filter((l) => l.startsWith('<!date^'));
    expect(lines).toEqual(entries.map(historyLine));
    expect(violations(historyForAskerView(view), 'message')).toEqual([]);
  });

  it('says when it is empty', () => {
    const view = historyView({ channelId: 'C1', askedBy: 'U2', entries: [] });
    expect(textOf(view.blocks)).toContain('No actions are recorded in <#C1> yet.');
  });
});

describe('the App Home view', () => {
  it('shows role, address, permissions and recent actions within the Home tab’s limits', () => {
    const recent = Array.from({ length: 10 }, (_, i) => record(i, { member: `sip:${'y'.repeat(250)}@example.com` }));
    const view = homeView({ role: 'agent', via: 'group', address: '+14155550100', permissions: ['hold', 'history'], recent });
    expect(view.type).toBe('home');
    expect(violations(view, 'home')).toEqual([]);
    const text = textOf(view.blocks);
    expect(text).toContain('`agent` (through a user group)');
    expect(text).toContain('`+14155550100`');
    expect(text).toContain('`hold` `history`');
    expect(text).toContain('Your last 10 actions');
    for (const r of recent) expect(text).toContain(homeLine(r));
  });

  it('for someone not in the role map', () => {
    const text = textOf(homeView({ permissions: [], recent: [] }).blocks);
    expect(text).toContain("you are not in phlo-bot's role map");
    expect(text).toContain('_none_');
    expect(text).toContain('You have no recorded actions yet.');
  });
});
