/**
 * Escapes untrusted text for mrkdwn and a message's `text`: only `&`, `<` and `>`, as Slack
 * documents, so `<!channel>` typed by a user pings nobody.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code for an address or id: escaped, and backticks removed so the span can't break. */
export function code(text: string): string {
  return `\`${escapeMrkdwn(text.replace(/`/g, "'"))}\``;
}

export const mention = (userId: string): string => `<@${userId}>`;

/** Slack's date formatting: each reader sees their own time zone. */
export function slackDate(at: Date): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time_secs}|${at.toISOString()}>`;
}
