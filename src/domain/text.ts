/** Text as it arrives from Slack, back to what the person typed or saw. */

/**
 * Undo Slack's entity encoding (`&amp;` `&lt;` `&gt;`, and nothing else, as Slack encodes nothing
 * else). One pass, so `&amp;lt;` becomes `&lt;`, as typed.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  );
}

/**
 * The text as the user saw it in Slack: link escapes `<target|label>` become their label and
 * `<target>` its target (Slack links URLs, e-mail addresses and phone numbers on its own), then
 * entities are decoded. Mentions (`<@U…>`, `<#C…>`, `<!here>`) are kept as they are: their label,
 * if any, is not what was typed.
 */
export function slackPlainText(text: string): string {
  const unlinked = text.replace(
    /<([^<>|@#!][^<>|]*)(?:\|([^<>]*))?>/g,
    (_, target: string, label: string | undefined) => label ?? target,
  );
  return decodeEntities(unlinked);
}
