import { parse } from 'node:querystring';

const FORM = 'application/x-www-form-urlencoded';

/**
 * Parses a Slack body exactly as Bolt's HTTP receiver does (a form only for that exact content type, its
 * `payload` field as JSON when present, anything else as JSON); undefined unless the result is an object,
 * since Bolt reads fields of it without checking (`payload=null` or a JSON `null` would throw inside it).
 */
export function parseSlackBody(body: Buffer, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    const text = body.toString('utf8');
    let value: unknown;
    if (contentType === FORM) {
      const fields = parse(text);
      value = typeof fields.payload === 'string' ? JSON.parse(fields.payload) : { ...fields };
    } else {
      value = JSON.parse(text);
    }
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Slack's certificate check (`ssl_check=1`), which Bolt answers 200 without a signature check. It is a few
 * fields long: a larger body is not one.
 */
export function isSslCheck(chunks: Buffer[], size: number, contentType: string | undefined): boolean {
  return contentType === FORM && size <= 4096 && parse(Buffer.concat(chunks, size).toString('utf8')).ssl_check === '1';
}
