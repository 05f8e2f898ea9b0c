// Reading Web API requests the ways @slack/web-api sends them (form, multipart, JSON), with the
// JSON-encoded fields (`blocks`, `view`, …) decoded back to objects.
import type { IncomingMessage } from 'node:http';

export type Json = Record<string, unknown>;

const JSON_FIELDS = new Set([
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_auth_blocks',
  'options',
  'option_groups',
  'outputs',
]);

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => { resolve(Buffer.concat(chunks)); });
    req.on('error', reject);
  });
}

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  const trimmed = value.trimStart();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed;
  } catch {
    // Left as a string: the handler answers it as Slack would answer malformed JSON.
    return value;
  }
}

/** The parts of a multipart/form-data body, read with the platform's own parser. */
function multipart(body: Buffer, contentType: string): Promise<FormData> {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- advisory only (undici suggests busboy for streaming servers); this stand-in parses small, fully buffered bodies.
  return new Response(body, { headers: { 'content-type': contentType } }).formData();
}

/** Parses a request body the ways @slack/web-api sends it: form, multipart (binary args) or JSON. */
export async function parseArgs(req: IncomingMessage, body: Buffer): Promise<Json> {
  const args: Json = {};
  const query = new URL(req.url ?? '/', 'http://fake').searchParams;
  for (const [key, value] of query) args[key] = decodeField(key, value);
  const contentType = req.headers['content-type'] ?? '';
  const lower = contentType.toLowerCase();
  if (lower.startsWith('application/json')) {
    if (body.length === 0) return args;
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (isRecord(parsed)) Object.assign(args, parsed);
    return args;
  }
  if (lower.startsWith('multipart/form-data')) {
    const form = await multipart(body, contentType);
    for (const [key, value] of form) {
      args[key] =
        typeof value === 'string'
          ? decodeField(key, value)
          : { filename: value.name, type: value.type, content: Buffer.from(await value.arrayBuffer()) };
    }
    return args;
  }
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) args[key] = decodeField(key, value);
  return args;
}

/** The file bytes of an upload: the first file part of a multipart body, or the raw body. */
export async function uploadedBytes(req: IncomingMessage, body: Buffer): Promise<Buffer> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return body;
  const form = await multipart(body, contentType);
  for (const [, value] of form) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}
