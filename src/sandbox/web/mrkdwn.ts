// Slack's mrkdwn to HTML: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes, links <url|label>,
// mentions <@U…> <#C…> <!here>, and dates <!date^epoch^format|fallback>. Text arrives with &, < and >
// escaped as Slack sends it; everything is escaped again for HTML before formatting is applied.
import { escapeHtml } from './dom.js';

export interface Names {
  user(id: string): string;
  channel(id: string): string;
}

const decode = (t: string): string => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function formatDate(epoch: number, format: string): string {
  const d = new Date(epoch * 1000);
  const dayDiff = Math.round((new Date(d).setHours(0, 0, 0, 0) - new Date().setHours(0, 0, 0, 0)) / 86_400_000);
  const pretty = (fallback: string): string =>
    dayDiff === 0 ? 'Today' : dayDiff === -1 ? 'Yesterday' : dayDiff === 1 ? 'Tomorrow' : fallback;
  const month = (style: 'short' | 'long'): string => d.toLocaleDateString('en-US', { month: style });
  const dateShort = `${month('short')} ${d.getDate()}, ${d.getFullYear()}`;
  const dateLong = `${d.toLocaleDateString('en-US', { weekday: 'long' })}, ${month('long')} ${d.getDate()}, ${d.getFullYear()}`;
  const date = `${month('long')} ${d.getDate()}, ${d.getFullYear()}`;
  const time = d.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
  const seconds = Math.round((Date.now() - d.getTime()) / 1000);
  const ago =
    seconds < 60 ? 'just now' : seconds < 3600 ? `${Math.floor(seconds / 60)} minutes ago` : seconds < 86_400 ? `${Math.floor(seconds / 3600)} hours ago` : `${Math.floor(seconds / 86_400)} days ago`;
  const tokens: Record<string, string> = {
    date_num: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    date,
    date_short: dateShort,
    date_long: dateLong,
    date_pretty: pretty(date),
    date_short_pretty: pretty(dateShort),
    date_long_pretty: pretty(dateLong),
    time,
    time_secs: d.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    ago,
  };
  return format.replace(/\{(\w+)\}/g, (whole, key: string) => tokens[key] ?? whole);
}

function special(inner: string, names: Names): string {
  const [target, label] = inner.split('|', 2) as [string, string | undefined];
  if (target.startsWith('@')) return `<span class="mention">@${escapeHtml(names.user(target.slice(1)))}</span>`;
  if (target.startsWith('#')) return `<span class="mention">#${escapeHtml(label ?? names.channel(target.slice(1)))}</span>`;
  if (target.startsWith('!date^')) {
    const [, epoch = '0', format = '{date}'] = target.split('^');
    return `<time title="${escapeHtml(decode(label ?? ''))}">${escapeHtml(formatDate(Number(epoch), format))}</time>`;
  }
  if (target.startsWith('!subteam^')) return `<span class="mention">@${escapeHtml(label ?? 'group')}</span>`;
  if (target.startsWith('!')) return `<span class="mention">@${escapeHtml(target.slice(1))}</span>`;
  const href = decode(target);
  const safe = /^(https?:|mailto:|tel:|sip:)/i.test(href) ? href : '#';
  return `<a href="${escapeHtml(safe)}" target="_blank" rel="noopener noreferrer">${escapeHtml(decode(label ?? target))}</a>`;
}

function inline(text: string): string {
  return text
    .replace(/(^|[\s(>])\*(?!\s)([^*\n]+?)\*(?=$|[\s).,:;!?<])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(>])_(?!\s)([^_\n]+?)_(?=$|[\s).,:;!?<])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(>])~(?!\s)([^~\n]+?)~(?=$|[\s).,:;!?<])/g, '$1<s>$2</s>');
}

/** Renders mrkdwn (or plain text, with `plain`) to HTML safe to assign to innerHTML. */
export function mrkdwn(text: string, names: Names, plain = false): string {
  if (plain) return escapeHtml(decode(text)).replace(/\n/g, '<br>');
  const held: string[] = [];
  const hold = (html: string): string => `\u0000${held.push(html) - 1}\u0000`;
  let t = text.replace(/```([\s\S]*?)```/g, (_m, code: string) => hold(`<pre>${escapeHtml(decode(code.replace(/^\n/, '')))}</pre>`));
  t = t.replace(/`([^`\n]+)`/g, (_m, code: string) => hold(`<code>${escapeHtml(decode(code))}</code>`));
  t = t.replace(/<([^<>\n]+)>/g, (_m, inner: string) => hold(special(inner, names)));
  t = escapeHtml(decode(t));
  t = t
    .split('\n')
    .map((line) => (line.startsWith('&gt; ') || line === '&gt;' ? `<blockquote>${inline(line.slice(5))}</blockquote>` : inline(line)))
    .join('<br>')
    .replace(/<\/blockquote><br>/g, '</blockquote>');
  // eslint-disable-next-line no-control-regex -- NUL is the deliberate placeholder delimiter of hold() above.
  return t.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => held[Number(i)] ?? '');
}
