import { parse } from 'node:querystring';

const FORM = 'application/x-www-form-urlencoded';

/**
 * Parses a Slack body exactly as Bolt's HTTP receiver does (a form only for that exact content type, its
 * `payload` field as JSON when present, anything else as JSON), and says whether Bolt can take it: Bolt
 * reads fields of the result without checking it is an object, so `payload=null` or a JSON `null` would
 * throw inside its request handler, where nothing catches it.
 */
export function slackBodyShape(body: Buffer, contentType: string | undefined): 'object' | 'malformed' {
  try {
    const text = body.toString('utf8');
    let value: unknown;
    if (contentType === FORM) {
      const fields = parse(text);
      value = typeof fields.payload === 'string' ? JSON.parse(fields.payload) : fields;
    } else {
      value = JSON.parse(text);
    }
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? 'object' : 'malformed';
  } catch {
    return 'malformed';
  }
}

/**
 * Slack's certificate check (`ssl_check=1`), which Bolt answers 200 without a signature check. It is a few
 * fields long: a larger body is not one.
 */
export function isSslCheck(chunks: Buffer[], size: number, contentType: string | undefined): boolean {
  return contentType === FORM && size <= 4096 && parse(Buffer.concat(chunks, size).toString('utf8')).ssl_check === '1';
}
