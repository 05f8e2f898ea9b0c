/**
 * Call addresses: the `to`, `member` and `from` of a PHLO action. A phone number or a SIP URI,
 * typed by hand or mangled by Slack's auto-linking.
 *
 * Every address is kept in one canonical form, so that one member is one member everywhere it is
 * compared or stored: on the call card, in the history and its `--member` filter, and in the key that
 * spots a duplicate action. That same form is what PHLO gets:
 * - a phone number is `+` and its digits. PHLO reads a number as E.164 with or without the `+`, so
 *   adding it changes nothing about who is dialled, and the `+` makes plain to the user that the
 *   digits are read with their country code. Sending one spelling for a member in every request (the
 *   call that added them, then hold, hangup...) also spares relying on PHLO to match spellings.
 * - a SIP address is `sip:user@host[:port]` with the scheme and host lower-cased (host names are
 *   case-insensitive) and the user part exactly as typed (SIP users are case-sensitive).
 */
import { z } from 'zod';
import { UserInputError } from '../errors.js';
import { slackPlainText } from './text.js';

/**
 * Why an address was refused.
 * - `format`: neither a phone number nor `sip:user@host`
 * - `phone_length`: phone-number characters, but not 8 to 15 digits (`digits` says how many)
 * - `sip_user`: the part before `@` is empty or holds characters a SIP user can't
 * - `sip_host`: no `@`, or the part after it is not a host name or IPv4 address with an optional
 *   port
 * - `too_long`: over MAX_ADDRESS_LENGTH characters
 */
export type InvalidAddressReason = 'format' | 'phone_length' | 'sip_user' | 'sip_host' | 'too_long';

export class InvalidAddressError extends UserInputError {
  readonly code = 'INVALID_ADDRESS';
  /** The argument it was given for: `to`, `member`, `from`, or `address` when unnamed. */
  readonly argument: string;
  /** Exactly what arrived, Slack escapes included (`<tel:…|…>`). */
  readonly input: string;
  /** What the user saw in Slack: link escapes replaced by their labels. Safe to quote back. */
  readonly display: string;
  readonly reason: InvalidAddressReason;
  /** For `phone_length`: how many digits there were. */
  declare readonly digits?: number;

  constructor(fields: {
    argument: string;
    input: string;
    display: string;
    reason: InvalidAddressReason;
    digits?: number | undefined;
  }) {
    super(`invalid address for ${fields.argument} "${fields.input}": ${fields.reason}`);
    this.argument = fields.argument;
    this.input = fields.input;
    this.display = fields.display;
    this.reason = fields.reason;
    if (fields.digits !== undefined) this.digits = fields.digits;
  }
}


/** `<target>` or `<target|label>`: Slack's link escape, the whole input. */
const SLACK_LINK = /^<([^<>|]*)(?:\|[^<>]*)?>$/;
/** Slack links the `bob@host` of `sip:bob@host` as an e-mail address. */
const SIP_MAILTO = /^sip:<mailto:([^<>|]*)(?:\|[^<>]*)?>$/i;

/** Digits with the separators people type; `+` only in front. */
const PHONE = /^\+?[\d\s().-]+$/;
const PHONE_MIN_DIGITS = 8;
const PHONE_MAX_DIGITS = 15; // E.164

/**
 * RFC 3261 user characters (unreserved, user-unreserved, %-escapes), except `&`: Slack would
 * have sent it as `&amp;`, and a literal one is far likelier a paste mistake than a SIP user.
 */
const SIP_USER = /^[A-Za-z0-9\-_.!~*'()%=+$,;?/]+$/;
/** Host name or IPv4 address, dot-separated labels, with an optional port. */
const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const SIP_HOST = new RegExp(`^(${HOST_LABEL}(?:\\.${HOST_LABEL})*)(?::(\\d{1,5}))?$`);

class Refusal {
  constructor(
    readonly reason: InvalidAddressReason,
    readonly digits?: number,
  ) {}
}

function phone(text: string): string | Refusal {
  if (!PHONE.test(text)) return new Refusal('format');
  const digits = text.replace(/\D/g, '');
  if (digits.length === 0) return new Refusal('format');
  if (digits.length < PHONE_MIN_DIGITS || digits.length > PHONE_MAX_DIGITS) {
    return new Refusal('phone_length', digits.length);
  }
  return `+${digits}`;
}

/** `text` starts with `sip:` in any case. */
function sip(text: string): string | Refusal {
  const rest = text.slice('sip:'.length);
  const at = rest.lastIndexOf('@');
  if (at === -1) return new Refusal('sip_host');
  const user = rest.slice(0, at);
  const host = rest.slice(at + 1);
  if (!SIP_USER.test(user)) return new Refusal('sip_user');
  const match = SIP_HOST.exec(host);
  if (match === null || (match[1] ?? '').length > 253) return new Refusal('sip_host');
  const port = match[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return new Refusal('sip_host');
  // The user part is case-sensitive in SIP; the host is a host name, which is not.
  return `sip:${user}@${host.toLowerCase()}`;
}

const hasScheme = (text: string, scheme: string): boolean =>
  text.slice(0, scheme.length).toLowerCase() === scheme;

/** Longer than any real number or SIP URI, and short enough to fit buttons and confirm dialogs. */
export const MAX_ADDRESS_LENGTH = 200;

function normalize(text: string): string | Refusal {
  const result = read(text);
  return typeof result === 'string' && result.length > MAX_ADDRESS_LENGTH ? new Refusal('too_long') : result;
}

function read(text: string): string | Refusal {
  const link = SLACK_LINK.exec(text);
  if (link !== null) {
    const target = (link[1] ?? '').trim();
    if (hasScheme(target, 'tel:')) return phone(target.slice('tel:'.length));
    if (hasScheme(target, 'sip:')) return sip(target);
    return new Refusal('format');
  }
  const mailto = SIP_MAILTO.exec(text);
  if (mailto !== null) return sip(`sip:${(mailto[1] ?? '').trim()}`);
  if (hasScheme(text, 'sip:')) return sip(text);
  if (hasScheme(text, 'tel:')) return phone(text.slice('tel:'.length));
  return phone(text);
}

/**
 * Read an address and return it in canonical form:
 * - a phone number, `+` and 8 to 15 digits with spaces, dashes, dots and parentheses dropped:
 *   `+1 (415) 555-1234` → `+14155551234`, `14155551234` → `+14155551234`; a `tel:` prefix is allowed;
 * - a SIP address `sip:user@host[:port]`, with the scheme and host lower-cased and the user as typed:
 *   `SIP:Bob@Phone.Plivo.com` → `sip:Bob@phone.plivo.com`;
 * - Slack's escaped forms of either: `<tel:+14155551234|+1 415 555 1234>`,
 *   `<sip:bob@phone.plivo.com|sip:bob@phone.plivo.com>`, `sip:<mailto:bob@phone.plivo.com|…>`.
 *   The link target is read, not the label: it is what Slack recognised.
 *
 * Canonical forms read back unchanged, so it is safe to apply twice.
 *
 * @param argument names the argument in the error: `to`, `member`, `from`.
 * @throws InvalidAddressError
 */
export function parseAddress(raw: string, argument = 'address'): string {
  const result = normalize(raw.trim());
  if (result instanceof Refusal) {
    throw new InvalidAddressError({
      argument,
      input: raw,
      display: slackPlainText(raw),
      reason: result.reason,
      digits: result.digits,
    });
  }
  return result;
}

/**
 * The canonical form of `text` when it reads as an address, else `text` unchanged: for values that
 * were stored or passed along before they could be checked (older call state, a refused request).
 */
const CANONICAL_PHONE = /^\+\d{1,20}$/;

export function canonicalAddress(text: string): string {
  // Already a `+` and digits: its own canonical form (stored state is all like this, so this is the hot path).
  if (CANONICAL_PHONE.test(text)) return text;
  const result = normalize(text.trim());
  return typeof result === 'string' ? result : text;
}

/** Whether `raw` reads as an address at all (see parseAddress). */
export function isAddress(raw: string): boolean {
  return !(normalize(raw.trim()) instanceof Refusal);
}

/** Whether `raw` reads as a SIP address (in any accepted form) rather than a phone number. */
export function isSipAddress(raw: string): boolean {
  const result = normalize(raw.trim());
  return typeof result === 'string' && result.startsWith('sip:');
}

/**
 * An address from an untrusted string (button value, modal input, stored metadata): validated by
 * the same rule as parseAddress and normalized to its canonical form. A refusal is a custom issue
 * whose `params.reason` is the InvalidAddressReason.
 */
export const Address = z.string().transform((value, ctx) => {
  const result = normalize(value.trim());
  if (result instanceof Refusal) {
    ctx.addIssue({
      code: 'custom',
      message: `not a phone number or SIP address (${result.reason})`,
      params: { reason: result.reason },
    });
    return z.NEVER;
  }
  return result;
});
export type Address = z.infer<typeof Address>;
