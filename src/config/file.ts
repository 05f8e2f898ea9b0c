import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { InvalidAddressError, parseAddress, type InvalidAddressReason } from '../domain/address.js';
import { ConfigError } from './errors.js';

export const PERMISSIONS = [
  'call',
  'transfer',
  'hold',
  'unhold',
  'hangup',
  'resume',
  'abort',
  'voicemail',
  'run',
  'status',
  'history',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/**
 * The verbs an approval rule may name: the ones that change a call or start a run. Each is also the
 * permission it needs; reading (status, history) is never worth a second person's time.
 */
export const APPROVABLE_VERBS = ['call', 'transfer', 'hold', 'unhold', 'hangup', 'resume', 'abort', 'voicemail', 'run'] as const;
const isApprovable = (verb: string): verb is (typeof APPROVABLE_VERBS)[number] => (APPROVABLE_VERBS as readonly string[]).includes(verb);

// PHLO and node ids are UUIDs; accept any version (the console's ids are not all RFC 4122 v4).
const PhloId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  error: 'must be a PHLO id (a UUID such as 4c1a9f23-7f56-4879-bb80-db856e1e7701)',
});
const Alias = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
  error: 'must be letters, digits, "_", "." or "-" (at most 64)',
});
const SlackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, { error: 'must be a Slack user id such as U0123ALICE' });
const SlackChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, {
  error: 'must be a Slack channel id such as C0123SUPPORT',
});
const SlackGroupId = z.string().regex(/^S[A-Z0-9]{2,}$/, { error: 'must be a Slack user group id such as S0789LEADS' });

/** Why an address in the file was refused, for the admin reading the start-up error. */
const ADDRESS_PROBLEM: Record<InvalidAddressReason, string> = {
  format: 'is not a phone number (8 to 15 digits) or a SIP address (sip:user@host)',
  phone_length: 'is not a phone number of 8 to 15 digits',
  sip_user: 'has no valid SIP user before the @',
  sip_host: 'has no valid host after the @',
  too_long: 'is longer than any phone number or SIP address (200 characters at most)',
};

const AddressText = z.string().transform((raw, ctx) => {
  try {
    return parseAddress(raw);
  } catch (error) {
    if (!(error instanceof InvalidAddressError)) throw error;
    ctx.addIssue({ code: 'custom', message: `"${raw}" ${ADDRESS_PROBLEM[error.reason]}` });
    return z.NEVER;
  }
});

export const PhloConfig = z.strictObject({
  id: PhloId,
  name: z.string().min(1).max(80).optional(),
  nodes: z.record(Alias, PhloId).default({}),
  default_node: Alias.optional(),
});
export type PhloConfig = z.infer<typeof PhloConfig>;

export const ChannelDefaults = z.strictObject({ phlo: Alias, node: Alias.optional() });
export type ChannelDefaults = z.infer<typeof ChannelDefaults>;

export const UserConfig = z.strictObject({ role: z.string().min(1), address: AddressText.optional() });
export type UserConfig = z.infer<typeof UserConfig>;

// A union fails only as a whole, so every failure here is an unknown permission.
const PermissionList = z.array(z.union([Permission, z.literal('*')], {
  error: (issue) => `unknown permission ${JSON.stringify(issue.input)} (known: ${PERMISSIONS.join(', ')}, or "*")`,
}));

/** `off` (or YAML's `false`) in a place that takes a number: the limit is off, as with 0. */
const Off = z.union([z.literal('off'), z.literal(false)]);
const PER_MINUTE = { error: 'must be a whole number of actions from 0 to 100000, or off (0 and off turn the limit off)' };
// The message on each check too: a union reports the failing number's own issue when the input was a number.
const ActionsPerMinute = z
  .union([z.number(PER_MINUTE).int(PER_MINUTE).min(0, PER_MINUTE).max(100_000, PER_MINUTE), Off], PER_MINUTE)
  .transform((value) => (typeof value === 'number' ? value : 0));

/** Per Slack user, in any sliding minute; `rate_limit: off` is short for `actions_per_minute: 0`. */
export const DEFAULT_ACTIONS_PER_MINUTE = 20;
const RateLimit = z.preprocess(
  (value) => (value === 'off' || value === false ? { actions_per_minute: 0 } : value),
  z.strictObject({ actions_per_minute: ActionsPerMinute.default(DEFAULT_ACTIONS_PER_MINUTE) }),
);

/** The YAML configuration file (docs/configuration.md), after validation. */
export const Config = z
  .strictObject({
    phlos: z.record(Alias, PhloConfig).refine((p) => Object.keys(p).length > 0, { error: 'names no PHLO' }),
    channels: z.record(SlackChannelId, ChannelDefaults).default({}),
    roles: z.record(Alias, PermissionList),
    users: z.record(SlackUserId, UserConfig).default({}),
    groups: z.record(SlackGroupId, z.string()).default({}),
    history_retention_days: z.number().int().min(1).max(36_500).default(365),
    /** Verb → the roles that approve it (and act on it directly themselves). */
    approvals: z.record(z.string(), z.array(z.string().min(1)).min(1, { error: 'names no role that could approve' })).default({}),
    approval_timeout_minutes: z.number().int().min(1).max(7 * 24 * 60).default(15),
    rate_limit: RateLimit.default({ actions_per_minute: DEFAULT_ACTIONS_PER_MINUTE }),
  })
  .superRefine((config, ctx) => {
    const roles = Object.keys(config.roles);
    const knownRoles = `(known: ${roles.join(', ') || 'none'})`;
    for (const [alias, phlo] of Object.entries(config.phlos)) {
      const nodes = Object.keys(phlo.nodes);
      if (phlo.default_node !== undefined && !nodes.includes(phlo.default_node)) {
        ctx.addIssue({
          code: 'custom',
          path: ['phlos', alias, 'default_node'],
          message: `unknown node "${phlo.default_node}" (known: ${nodes.join(', ') || 'none'})`,
        });
      }
    }
    for (const [channel, defaults] of Object.entries(config.channels)) {
      const phlo = config.phlos[defaults.phlo];
      if (phlo === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['channels', channel, 'phlo'],
          message: `unknown PHLO "${defaults.phlo}" (known: ${Object.keys(config.phlos).join(', ')})`,
        });
      } else if (defaults.node !== undefined && phlo.nodes[defaults.node] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['channels', channel, 'node'],
          message: `unknown node "${defaults.node}" of PHLO "${defaults.phlo}" (known: ${Object.keys(phlo.nodes).join(', ') || 'none'})`,
        });
      }
    }
    for (const [user, entry] of Object.entries(config.users)) {
      if (!roles.includes(entry.role)) {
        ctx.addIssue({ code: 'custom', path: ['users', user, 'role'], message: `unknown role "${entry.role}" ${knownRoles}` });
      }
    }
    for (const [verb, approvers] of Object.entries(config.approvals)) {
      if (!isApprovable(verb)) {
        ctx.addIssue({ code: 'custom', path: ['approvals', verb], message: `unknown verb "${verb}" (approvals can cover: ${APPROVABLE_VERBS.join(', ')})` });
      }
      approvers.forEach((role, index) => {
        if (!roles.includes(role)) {
          ctx.addIssue({ code: 'custom', path: ['approvals', verb, index], message: `unknown role "${role}" ${knownRoles}` });
        }
      });
    }
    for (const [group, role] of Object.entries(config.groups)) {
      if (!roles.includes(role)) {
        ctx.addIssue({ code: 'custom', path: ['groups', group], message: `unknown role "${role}" ${knownRoles}` });
      }
    }
  });
export type Config = z.infer<typeof Config>;

/** Parses and validates configuration text; `file` only names the source in errors. */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const pos = yamlError.linePos?.[0];
    const first = (yamlError.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(pos === undefined ? file : `${file}:${pos.line}:${pos.col}`, first, undefined, { cause: yamlError });
  }
  // reportInput: so a value of the wrong type reads "must be a number", not "is required".
  const result = Config.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue === undefined) throw new ConfigError(file, 'invalid configuration', undefined, { cause: result.error });
    // An unknown key is pointed at itself, not at the map holding it.
    const at = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
    const pos = positionOf(doc, lineCounter, at);
    const where = pos === undefined ? file : `${file}:${pos.line}:${pos.col}`;
    throw new ConfigError(where, describeIssue(issue), issue.path.map(String).join('.'), { cause: result.error });
  }
  return result.data;
}

/** Where in the file the value at `path` (or its nearest parent that exists) starts. */
function positionOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): { line: number; col: number } | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range !== undefined && node.range !== null) return lineCounter.linePos(node.range[0]);
  }
  return undefined;
}

export function loadConfigFile(path: string): Config {
  const file = path.replace(/^\.\//, '');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new ConfigError(file, `${reason} (set PHLO_BOT_CONFIG, or copy phlo-bot.example.yml)`, undefined, { cause: error });
  }
  return parseConfig(text, file);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
    case 'invalid_key':
      return issue.issues[0]?.message ?? issue.message;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
