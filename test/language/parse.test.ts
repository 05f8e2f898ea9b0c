import { describe, expect, it } from 'vitest';
import {
  DuplicateFlagError,
  InvalidAddressError,
  InvalidArgumentError,
  MissingArgumentError,
  MissingFlagValueError,
  UnexpectedArgumentError,
  UnknownCommandError,
  UnknownFlagError,
  UnterminatedQuoteError,
} from '../../src/language/errors.js';
import {
  type Command,
  FLAGS,
  MEMBER_VERBS,
  type ParseResult,
  VERBS,
  parseCommand,
} from '../../src/language/parse.js';
import { PhloBotError, UserInputError } from '../../src/errors.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** The command, asserting the text parsed to a complete one. */
function command(text: string): Command {
  const result = parseCommand(text);
  if (result.kind !== 'command') throw new Error(`expected a command, got ${JSON.stringify(result)}`);
  return result.command;
}

const ALICE = '+14155550100';
const BOB_SIP = 'sip:bob@phone.plivo.com';
const NUMBER = '+14155551234';
const TEL = '<tel:+14155551234|+1 415 555 1234>';
const SIP_LINK = '<sip:bob@phone.plivo.com|sip:bob@phone.plivo.com>';
const SIP_MAILTO = 'sip:<mailto:bob@phone.plivo.com|bob@phone.plivo.com>';

describe('VERBS', () => {
  it('lists every verb of the command language, in help order', () => {
    expect(VERBS).toEqual([
      'help',
      'whoami',
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
      'run-status',
      'history',
    ]);
    expect(MEMBER_VERBS).toEqual(['hold', 'unhold', 'hangup', 'resume', 'abort', 'voicemail']);
  });

  it('gives each verb its flags, in synopsis order', () => {
    expect(Object.keys(FLAGS.call)).toEqual(['role', 'from', 'phlo', 'node', 'reason']);
    expect(Object.keys(FLAGS.transfer)).toEqual(['role', 'from', 'phlo', 'node', 'reason']);
    for (const verb of MEMBER_VERBS) expect(Object.keys(FLAGS[verb])).toEqual(['phlo', 'node', 'reason']);
    expect(Object.keys(FLAGS.run)).toEqual(['reason']);
    expect(Object.keys(FLAGS.status)).toEqual(['node']);
    expect(Object.keys(FLAGS.history)).toEqual(['member', 'limit', 'csv']);
    for (const verb of ['help', 'whoami', 'run-status'] as const) expect(FLAGS[verb]).toEqual({});
  });
});

describe('the happy path of every verb', () => {
  it.each<[string, Command]>([
    ['', { verb: 'picker' }],
    ['   ', { verb: 'picker' }],
    ['help', { verb: 'help' }],
    ['help transfer', { verb: 'help', topic: 'transfer' }],
    ['help run-status', { verb: 'help', topic: 'run-status' }],
    ['help HOLD', { verb: 'help', topic: 'hold' }],
    ['whoami', { verb: 'whoami' }],
    ['call +14155551234', { verb: 'call', to: NUMBER }],
    [
      'call +14155551234 --role customer --from +14155550100 --phlo support --node queue',
      { verb: 'call', to: NUMBER, role: 'customer', from: ALICE, phlo: 'support', node: 'queue' },
    ],
    ['call sip:bob@phone.plivo.com --role agent', { verb: 'call', to: BOB_SIP, role: 'agent' }],
    ['hangup +14155551234 --reason "abusive caller"', { verb: 'hangup', member: NUMBER, reason: 'abusive caller' }],
    ['transfer warm +14155551234', { verb: 'transfer', mode: 'warm', to: NUMBER }],
    ['transfer cold sip:bob@phone.plivo.com', { verb: 'transfer', mode: 'cold', to: BOB_SIP }],
    [
      'transfer warm +14155551234 --role customer --from sip:bob@phone.plivo.com --phlo support --node queue',
      { verb: 'transfer', mode: 'warm', to: NUMBER, role: 'customer', from: BOB_SIP, phlo: 'support', node: 'queue' },
    ],
    ['hold +14155551234', { verb: 'hold', member: NUMBER }],
    ['unhold +14155551234', { verb: 'unhold', member: NUMBER }],
    ['hangup +14155551234', { verb: 'hangup', member: NUMBER }],
    ['resume +14155551234', { verb: 'resume', member: NUMBER }],
    ['abort +14155551234', { verb: 'abort', member: NUMBER }],
    ['voicemail +14155551234', { verb: 'voicemail', member: NUMBER }],
    [
      'hold sip:bob@phone.plivo.com --phlo support --node queue',
      { verb: 'hold', member: BOB_SIP, phlo: 'support', node: 'queue' },
    ],
    ['run support', { verb: 'run', phlo: 'support', params: {} }],
    [
      'run 4c1a9f23-7f56-4879-bb80-db856e1e7701 from=+14155550100 to=+14155551234',
      {
        verb: 'run',
        phlo: '4c1a9f23-7f56-4879-bb80-db856e1e7701',
        params: { from: '+14155550100', to: '+14155551234' },
      },
    ],
    ['status', { verb: 'status' }],
    ['status support', { verb: 'status', phlo: 'support' }],
    ['status --node queue', { verb: 'status', node: 'queue' }],
    ['status support --node queue', { verb: 'status', phlo: 'support', node: 'queue' }],
    [
      'run-status support 9a9c3b74-1c4e-4bc3-a3f7-4b5b2c9f0e51',
      { verb: 'run-status', phlo: 'support', runId: '9a9c3b74-1c4e-4bc3-a3f7-4b5b2c9f0e51' },
    ],
    ['history', { verb: 'history', csv: false }],
    [
      'history --member +14155551234 --limit 20 --csv',
      { verb: 'history', member: NUMBER, limit: 20, csv: true },
    ],
  ])('%j', (text, expected) => {
    // toStrictEqual: an option that was not typed is absent, not `undefined`.
    expect(parseCommand(text)).toStrictEqual({ kind: 'command', command: expected });
  });

  it.each(['HOLD +14155551234', 'Hold +14155551234', 'hOlD +14155551234'])('verbs are case-insensitive: %j', (text) => {
    expect(command(text)).toStrictEqual({ verb: 'hold', member: NUMBER });
  });

  it('takes role and mode in any case', () => {
    expect(command('TRANSFER WARM +14155551234 --ROLE Customer')).toStrictEqual({
      verb: 'transfer',
      mode: 'warm',
      to: NUMBER,
      role: 'customer',
    });
  });

  it('takes flags before, between and after positionals', () => {
    const expected = { verb: 'transfer', mode: 'cold', to: NUMBER, phlo: 'support' };
    expect(command('transfer --phlo support cold +14155551234')).toStrictEqual(expected);
    expect(command('transfer cold --phlo support +14155551234')).toStrictEqual(expected);
    expect(command('transfer cold +14155551234 --phlo support')).toStrictEqual(expected);
  });

  it('passes --phlo and --node on as typed: resolving aliases is not the parser’s job', () => {
    expect(command('hold +14155551234 --phlo 4c1a9f23-7f56-4879-bb80-db856e1e7701 --node Queue')).toStrictEqual({
      verb: 'hold',
      member: NUMBER,
      phlo: '4c1a9f23-7f56-4879-bb80-db856e1e7701',
      node: 'Queue',
    });
  });
});

describe('every flag in both forms: --flag value and --flag=value', () => {
  const cases: [verb: string, flag: string, value: string, expected: Partial<Record<string, unknown>>][] = [
    ['call +14155551234', 'role', 'customer', { role: 'customer' }],
    ['call +14155551234', 'from', '+14155550100', { from: ALICE }],
    ['call +14155551234', 'phlo', 'support', { phlo: 'support' }],
    ['call +14155551234', 'node', 'queue', { node: 'queue' }],
    ['transfer warm +14155551234', 'role', 'agent', { role: 'agent' }],
    ['transfer warm +14155551234', 'from', 'sip:bob@phone.plivo.com', { from: BOB_SIP }],
    ['transfer warm +14155551234', 'phlo', 'support', { phlo: 'support' }],
    ['transfer warm +14155551234', 'node', 'queue', { node: 'queue' }],
    ...MEMBER_VERBS.flatMap((verb): [string, string, string, Record<string, unknown>][] => [
      [`${verb} +14155551234`, 'phlo', 'support', { phlo: 'support' }],
      [`${verb} +14155551234`, 'node', 'queue', { node: 'queue' }],
    ]),
    ['status', 'node', 'queue', { node: 'queue' }],
    ['history', 'member', '+14155551234', { member: NUMBER }],
    ['history', 'limit', '5', { limit: 5 }],
  ];

  it.each(cases)('%s --%s %s', (start, flag, value, expected) => {
    const spaced = command(`${start} --${flag} ${value}`);
    const joined = command(`${start} --${flag}=${value}`);
    expect(spaced).toMatchObject(expected);
    expect(joined).toStrictEqual(spaced);
  });

  it.each([
    ['\u2014role customer', 'em dash'],
    ['\u2013role customer', 'en dash'],
    ['\u2014role=customer', 'em dash with ='],
    ['--ROLE customer', 'upper-case name'],
  ])('accepts %j (%s), as Slack clients autocorrect -- to a dash', (flag) => {
    expect(command(`call +14155551234 ${flag}`)).toStrictEqual({ verb: 'call', to: NUMBER, role: 'customer' });
  });

  it('--csv is a switch', () => {
    expect(command('history --csv')).toStrictEqual({ verb: 'history', csv: true });
    expect(command('history --CSV --limit 3')).toStrictEqual({ verb: 'history', limit: 3, csv: true });
  });
});

describe('quoted values', () => {
  it.each([
    ['call "+1 (415) 555-1234"', 'straight double'],
    ["call '+1 (415) 555-1234'", 'straight single'],
    ['call \u201C+1 (415) 555-1234\u201D', 'smart double'],
    ['call \u2018+1 (415) 555-1234\u2019', 'smart single'],
  ])('%j (%s)', (text) => {
    expect(command(text)).toStrictEqual({ verb: 'call', to: NUMBER });
  });

  it.each([
    ['call +14155551234 --from "+1 415 555 0100"'],
    ['call +14155551234 --from="+1 415 555 0100"'],
    ['call +14155551234 --from=\u201C+1 415 555 0100\u201D'],
    ['call +14155551234 --from \u2018+1 415-555-0100\u2019'],
  ])('%j', (text) => {
    expect(command(text)).toStrictEqual({ verb: 'call', to: NUMBER, from: ALICE });
  });

  it('quotes a PHLO or node alias like any other value', () => {
    expect(command('hold +14155551234 --phlo "support" --node=\u201Cqueue\u201D')).toStrictEqual({
      verb: 'hold',
      member: NUMBER,
      phlo: 'support',
      node: 'queue',
    });
  });

  it('quotes the verb', () => {
    expect(command('"whoami"')).toStrictEqual({ verb: 'whoami' });
  });
});

describe("Slack's escaped addresses", () => {
  const forms: [string, string][] = [
    [TEL, NUMBER],
    [SIP_LINK, BOB_SIP],
    [SIP_MAILTO, BOB_SIP],
  ];

  it.each(forms)('call <to> %s', (typed, address) => {
    expect(command(`call ${typed}`)).toStrictEqual({ verb: 'call', to: address });
  });

  it.each(forms)('transfer warm <to> %s', (typed, address) => {
    expect(command(`transfer warm ${typed}`)).toStrictEqual({ verb: 'transfer', mode: 'warm', to: address });
  });

  it.each(MEMBER_VERBS.flatMap((verb) => forms.map(([typed, address]) => [verb, typed, address] as const)))(
    '%s <member> %s',
    (verb, typed, address) => {
      expect(command(`${verb} ${typed}`)).toStrictEqual({ verb, member: address });
    },
  );

  it.each(forms)('--from %s, in both flag forms', (typed, address) => {
    expect(command(`call +14155550100 --from ${typed}`)).toStrictEqual({ verb: 'call', to: ALICE, from: address });
    expect(command(`call +14155550100 --from=${typed}`)).toStrictEqual({ verb: 'call', to: ALICE, from: address });
  });

  it.each(forms)('history --member %s, in both flag forms', (typed, address) => {
    expect(command(`history --member ${typed}`)).toStrictEqual({ verb: 'history', member: address, csv: false });
    expect(command(`history --member=${typed}`)).toStrictEqual({ verb: 'history', member: address, csv: false });
  });
});

describe('phone numbers are normalized', () => {
  it.each([
    ['call "+1 (415) 555-1234"', '+14155551234'],
    ['call 415.555.1234', '+4155551234'],
    ['call 415-555-1234', '+4155551234'],
    ['call (415)555-1234', '+4155551234'],
    ['call 12345678', '+12345678'],
    ['call 14155551234', '+14155551234'],
    ['call +123456789012345', '+123456789012345'],
  ])('%j → to %j', (text, to) => {
    expect(command(text)).toStrictEqual({ verb: 'call', to });
  });

  it.each([
    ['call +1 415 555 1234', { verb: 'call', to: NUMBER }],
    ['call +1 (415) 555-1234 --role customer', { verb: 'call', to: NUMBER, role: 'customer' }],
    ['hold 415 555 1234', { verb: 'hold', member: '+4155551234' }],
    ['transfer warm +44 20 7946 0958', { verb: 'transfer', mode: 'warm', to: '+442079460958' }],
  ])('joins a phone number typed with spaces and no quotes: %j', (text, expected) => {
    expect(command(text)).toStrictEqual(expected);
  });

  it('does not join two numbers or words into one', () => {
    expect(thrown(() => parseCommand('call +14155551234 +14155550100'))).toMatchObject({
      code: 'UNEXPECTED_ARGUMENT',
      input: '+14155550100',
    });
    expect(thrown(() => parseCommand('call +14155551234 now'))).toMatchObject({
      code: 'UNEXPECTED_ARGUMENT',
      input: 'now',
    });
    expect(thrown(() => parseCommand('call +1 415 --role agent 555 1234'))).toMatchObject({
      code: 'UNEXPECTED_ARGUMENT',
      input: '415',
    });
  });

  it.each([
    ['call 5551234', 'to', 7],
    ['call 1234567890123456', 'to', 16],
    ['hold 555-1234', 'member', 7],
    ['call +14155551234 --from 5551234', 'from', 7],
    ['history --member 1234567890123456', 'member', 16],
  ])('%j is refused: 8 to 15 digits', (text, argument, digits) => {
    const err = thrown(() => parseCommand(text));
    expect(err).toBeInstanceOf(InvalidAddressError);
    expect(err).toMatchObject({ code: 'INVALID_ADDRESS', argument, reason: 'phone_length', digits });
  });
});

describe('incomplete commands open their modal with what was typed', () => {
  it.each<[string, ParseResult]>([
    ['call', { kind: 'incomplete', verb: 'call', given: {}, missing: ['to'] }],
    ['call --role customer', { kind: 'incomplete', verb: 'call', given: { role: 'customer' }, missing: ['to'] }],
    [
      'call --from "+1 415 555 0100" --phlo support --node queue',
      { kind: 'incomplete', verb: 'call', given: { from: ALICE, phlo: 'support', node: 'queue' }, missing: ['to'] },
    ],
    ['transfer', { kind: 'incomplete', verb: 'transfer', given: {}, missing: ['mode', 'to'] }],
    ['transfer warm', { kind: 'incomplete', verb: 'transfer', given: { mode: 'warm' }, missing: ['to'] }],
    ['transfer COLD', { kind: 'incomplete', verb: 'transfer', given: { mode: 'cold' }, missing: ['to'] }],
    [
      'transfer --role customer --from sip:bob@phone.plivo.com',
      { kind: 'incomplete', verb: 'transfer', given: { role: 'customer', from: BOB_SIP }, missing: ['mode', 'to'] },
    ],
    [
      'transfer warm --phlo support',
      { kind: 'incomplete', verb: 'transfer', given: { mode: 'warm', phlo: 'support' }, missing: ['to'] },
    ],
    // The mode forgotten, the number given: the modal asks only for the mode.
    ['transfer +14155551234', { kind: 'incomplete', verb: 'transfer', given: { to: NUMBER }, missing: ['mode'] }],
    [`transfer ${TEL}`, { kind: 'incomplete', verb: 'transfer', given: { to: NUMBER }, missing: ['mode'] }],
    ['transfer sip:bob@phone.plivo.com', { kind: 'incomplete', verb: 'transfer', given: { to: BOB_SIP }, missing: ['mode'] }],
    ['hold', { kind: 'incomplete', verb: 'hold', given: {}, missing: ['member'] }],
    ...MEMBER_VERBS.map((verb): [string, ParseResult] => [
      `${verb} --phlo support`,
      { kind: 'incomplete', verb, given: { phlo: 'support' }, missing: ['member'] },
    ]),
    ['run', { kind: 'incomplete', verb: 'run', given: {}, missing: ['phlo'] }],
    [
      'run note="two words" x=1',
      { kind: 'incomplete', verb: 'run', given: { params: { note: 'two words', x: '1' } }, missing: ['phlo'] },
    ],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toStrictEqual(expected);
  });

  it('still refuses invalid input rather than opening a modal with it', () => {
    expect(thrown(() => parseCommand('call --role boss'))).toBeInstanceOf(InvalidArgumentError);
    expect(thrown(() => parseCommand('transfer --from nobody'))).toBeInstanceOf(InvalidAddressError);
    expect(thrown(() => parseCommand('transfer +1415'))).toBeInstanceOf(InvalidAddressError);
    expect(thrown(() => parseCommand('hold --limit 5'))).toBeInstanceOf(UnknownFlagError);
    expect(thrown(() => parseCommand('run =x'))).toBeInstanceOf(InvalidArgumentError);
  });
});

describe('history --limit', () => {
  it.each([
    ['1', 1],
    ['10', 10],
    ['50', 50],
    ['05', 5],
  ])('accepts %j', (limit, n) => {
    expect(command(`history --limit ${limit}`)).toStrictEqual({ verb: 'history', limit: n, csv: false });
  });

  it.each(['0', '51', '100', 'abc', '-1', '2.5', '1e1', '+5', ' 5', 'ten'])(
    'refuses %j: a whole number from 1 to 50',
    (limit) => {
      const err = thrown(() => parseCommand(`history --limit "${limit}"`));
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect(err).toMatchObject({
        code: 'INVALID_ARGUMENT',
        argument: 'limit',
        input: limit,
        reason: 'limit_not_1_to_50',
      });
    },
  );
});

describe('run parameters', () => {
  it('keeps keys exactly as typed and values quoted or not', () => {
    expect(command('run support note="two words" x=1')).toStrictEqual({
      verb: 'run',
      phlo: 'support',
      params: { note: 'two words', x: '1' },
    });
  });

  it.each<[string, Record<string, string>]>([
    ['run support CallerID=+14155550100', { CallerID: '+14155550100' }],
    ['run support customer_name=Ann customerName=Bo', { customer_name: 'Ann', customerName: 'Bo' }],
    ['run support X=1 x=2', { X: '1', x: '2' }],
    ['run support a.b-c_d=1 _x=2', { 'a.b-c_d': '1', _x: '2' }],
    ['run support note=\u201Cshe said hi\u201D', { note: 'she said hi' }],
    ["run support note='two words'", { note: 'two words' }],
    ["run support note=don't", { note: "don't" }],
    ['run support empty=', { empty: '' }],
    ['run support empty=""', { empty: '' }],
    ['run support expr=a=b', { expr: 'a=b' }],
    ['run support q="x=1 y=2"', { q: 'x=1 y=2' }],
  ])('%j', (text, params) => {
    expect(command(text)).toStrictEqual({ verb: 'run', phlo: 'support', params });
  });

  it('decodes Slack’s entity encoding in values, which go to PHLO as data', () => {
    expect(command('run support note="Tom &amp; Jerry" tag=&lt;vip&gt; raw=&amp;lt;')).toStrictEqual({
      verb: 'run',
      phlo: 'support',
      params: { note: 'Tom & Jerry', tag: '<vip>', raw: '&lt;' },
    });
  });

  it('sends links and phone numbers Slack auto-linked as the user typed them', () => {
    expect(command(`run support to=${TEL} site=<https://example.com|example.com>`)).toStrictEqual({
      verb: 'run',
      phlo: 'support',
      params: { to: '+1 415 555 1234', site: 'example.com' },
    });
  });

  it('keeps prototype names as ordinary keys', () => {
    const run = command('run support __proto__=1 constructor=2');
    expect(run).toMatchObject({ verb: 'run' });
    if (run.verb !== 'run') return;
    expect(Object.keys(run.params)).toEqual(['__proto__', 'constructor']);
    expect(run.params['__proto__']).toBe('1');
    expect(Object.getPrototypeOf(run.params)).toBe(Object.prototype);
  });

  it.each([
    ['run support x', 'x', 'param_not_key_value', undefined],
    ['run support x=1 y', 'y', 'param_not_key_value', undefined],
    ['run x=1 support', 'support', 'param_not_key_value', undefined],
    ['run support =1', '=1', 'param_empty_key', undefined],
    ['run support 1x=2', '1x=2', 'param_bad_key', '1x'],
    ['run support my-key!=2', 'my-key!=2', 'param_bad_key', 'my-key!'],
    ['run support "two words=1"', 'two words=1', 'param_bad_key', 'two words'],
    ['run support x=1 x=2', 'x=2', 'param_duplicate_key', 'x'],
  ])('%j is refused (%s)', (text, input, reason, key) => {
    const err = thrown(() => parseCommand(text));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'params', input, reason });
    expect((err as InvalidArgumentError).key).toBe(key);
  });

  it('takes no flag but --reason', () => {
    expect(thrown(() => parseCommand('run support --phlo x'))).toMatchObject({
      code: 'UNKNOWN_FLAG',
      flag: '--phlo',
      verb: 'run',
      allowed: ['--reason'],
    });
  });
});

describe('errors', () => {
  it('are all UserInputError with a stable code and a plain English message', () => {
    const texts = [
      'hodl +14155551234',
      'hold +14155551234 --limit 5',
      'hold +14155551234 --phlo a --phlo b',
      'hold +14155551234 --phlo',
      'call +14155551234 --role boss',
      'call bob',
      'whoami now',
      'run-status support',
      'run support note="oops',
    ];
    for (const text of texts) {
      const err = thrown(() => parseCommand(text));
      expect(err).toBeInstanceOf(UserInputError);
      expect(err).toBeInstanceOf(PhloBotError);
      expect(err).toBeInstanceOf(Error);
      expect((err as UserInputError).code).toMatch(/^[A-Z_]+$/);
      expect((err as Error).message.length).toBeGreaterThan(0);
      expect((err as Error).name).toBe((err as Error).constructor.name);
    }
  });

  describe('UnknownCommandError, with the closest verb when one is close', () => {
    it.each([
      ['tranfser warm +14155551234', 'tranfser', 'transfer'],
      ['hodl +14155551234', 'hodl', 'hold'],
      ['HODL +14155551234', 'HODL', 'hold'],
      ['stauts', 'stauts', 'status'],
      ['histroy --limit 5', 'histroy', 'history'],
      ['runstatus support x', 'runstatus', 'run-status'],
      ['--help', '--help', 'help'],
      ['\u2014help', '\u2014help', 'help'],
      ['trans', 'trans', 'transfer'],
    ])('%j → input %j, suggestion %j', (text, input, suggestion) => {
      const err = thrown(() => parseCommand(text));
      expect(err).toBeInstanceOf(UnknownCommandError);
      expect(err).toMatchObject({ code: 'UNKNOWN_COMMAND', input, suggestion });
    });

    it.each(['deploy', 'xyz', 'picker', '+14155551234'])('%j → no suggestion', (text) => {
      const err = thrown(() => parseCommand(text));
      expect(err).toBeInstanceOf(UnknownCommandError);
      expect(err).toMatchObject({ input: text });
      expect(err).not.toHaveProperty('suggestion');
    });

    it('for a help topic that is not a verb', () => {
      expect(thrown(() => parseCommand('help tranfser'))).toMatchObject({
        code: 'UNKNOWN_COMMAND',
        input: 'tranfser',
        suggestion: 'transfer',
      });
      expect(thrown(() => parseCommand('help picker'))).toBeInstanceOf(UnknownCommandError);
    });
  });

  describe('UnknownFlagError: a flag that is not the verb’s', () => {
    it.each([
      ['hold +14155551234 --limit 5', '--limit', 'hold', ['--phlo', '--node', '--reason'], undefined],
      ['hold +14155551234 --phlow support', '--phlow', 'hold', ['--phlo', '--node', '--reason'], '--phlo'],
      ['call +14155551234 --rol agent', '--rol', 'call', ['--role', '--from', '--phlo', '--node', '--reason'], '--role'],
      ['call +14155551234 --Frm=+14155550100', '--frm', 'call', ['--role', '--from', '--phlo', '--node', '--reason'], '--from'],
      ['history --limti 5', '--limti', 'history', ['--member', '--limit', '--csv'], '--limit'],
      ['history --phlo support', '--phlo', 'history', ['--member', '--limit', '--csv'], undefined],
      ['status --phlo support', '--phlo', 'status', ['--node'], undefined],
      ['whoami --verbose', '--verbose', 'whoami', [], undefined],
      ['help --all', '--all', 'help', [], undefined],
      ['run-status a b --node x', '--node', 'run-status', [], undefined],
      ['call +14155551234 --', '--', 'call', ['--role', '--from', '--phlo', '--node', '--reason'], undefined],
      ['call +14155551234 \u2014x', '--x', 'call', ['--role', '--from', '--phlo', '--node', '--reason'], undefined],
    ])('%j', (text, flag, verb, allowed, suggestion) => {
      const err = thrown(() => parseCommand(text));
      expect(err).toBeInstanceOf(UnknownFlagError);
      expect(err).toMatchObject({ code: 'UNKNOWN_FLAG', flag, verb, allowed });
      expect((err as UnknownFlagError).suggestion).toBe(suggestion);
    });
  });

  describe('DuplicateFlagError', () => {
    it.each([
      ['hold +14155551234 --phlo a --phlo b', '--phlo', 'hold'],
      ['call +14155551234 --role agent --role=customer', '--role', 'call'],
      ['call +14155551234 --role agent --ROLE agent', '--role', 'call'],
      ['history --csv --csv', '--csv', 'history'],
      ['status --node a \u2014node b', '--node', 'status'],
    ])('%j', (text, flag, verb) => {
      const err = thrown(() => parseCommand(text));
      expect(err).toBeInstanceOf(DuplicateFlagError);
      expect(err).toMatchObject({ code: 'DUPLICATE_FLAG', flag, verb });
    });
  });

  describe('MissingFlagValueError', () => {
    it.each([
      ['hold +14155551234 --phlo', '--phlo', 'hold'],
      ['hold +14155551234 --phlo=', '--phlo', 'hold'],
      ['hold +14155551234 --phlo ""', '--phlo', 'hold'],
      ['hold +14155551234 --phlo --node queue', '--phlo', 'hold'],
      ['call +14155551234 --from', '--from', 'call'],
      ['transfer warm +14155551234 --role', '--role', 'transfer'],
      ['history --limit', '--limit', 'history'],
      ['history --member --csv', '--member', 'history'],
      ['status --node', '--node', 'status'],
    ])('%j', (text, flag, verb) => {
      const err = thrown(() => parseCommand(text));
      expect(err).toBeInstanceOf(MissingFlagValueError);
      expect(err).toMatchObject({ code: 'MISSING_FLAG_VALUE', flag, verb });
    });
  });

  describe('InvalidArgumentError', () => {
    it.each([
      ['call +14155551234 --role boss', 'role', 'boss', 'unknown_role', ['agent', 'customer'], undefined],
      ['call +14155551234 --role agnet', 'role', 'agnet', 'unknown_role', ['agent', 'customer'], 'agent'],
      ['transfer warm +14155551234 --role=costumer', 'role', 'costumer', 'unknown_role', ['agent', 'customer'], 'customer'],
      ['transfer hot +14155551234', 'mode', 'hot', 'unknown_mode', ['warm', 'cold'], undefined],
      ['transfer wram +14155551234', 'mode', 'wram', 'unknown_mode', ['warm', 'cold'], 'warm'],
      ['transfer blind', 'mode', 'blind', 'unknown_mode', ['warm', 'cold'], undefined],
      ['history --csv=yes', 'csv', '--csv=yes', 'flag_takes_no_value', undefined, undefined],
    ])('%j', (text, argument, input, reason, allowed, suggestion) => {
      const err = thrown(() => parseCommand(text));
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect(err).toMatchObject({ code: 'INVALID_ARGUMENT', argument, input, reason });
      expect((err as InvalidArgumentError).allowed).toEqual(allowed);
      expect((err as InvalidArgumentError).suggestion).toBe(suggestion);
    });
  });

  describe('InvalidAddressError, naming the argument', () => {
    it.each([
      ['call bob', 'to', 'bob', 'format'],
      ['transfer warm alice@example.com', 'to', 'alice@example.com', 'format'],
      ['transfer cold sip:bob@', 'to', 'sip:bob@', 'sip_host'],
      ['hold sip:@phone.plivo.com', 'member', 'sip:@phone.plivo.com', 'sip_user'],
      ['voicemail 12345', 'member', '12345', 'phone_length'],
      ['call +14155551234 --from me', 'from', 'me', 'format'],
      ['history --member=<@U0123ALICE>', 'member', '<@U0123ALICE>', 'format'],
    ])('%j', (text, argument, input, reason) => {
      const err = thrown(() => parseCommand(text));
      expect(err).toBeInstanceOf(InvalidAddressError);
      expect(err).toMatchObject({ code: 'INVALID_ADDRESS', argument, input, reason });
    });

    it('shows a Slack-linked input as the user saw it', () => {
      expect(thrown(() => parseCommand('call <tel:12345|12 345>'))).toMatchObject({
        input: '<tel:12345|12 345>',
        display: '12 345',
        reason: 'phone_length',
      });
    });
  });

  describe('UnexpectedArgumentError: a positional too many', () => {
    it.each([
      ['whoami now', 'whoami', 'now'],
      ['help call hold', 'help', 'hold'],
      ['call +14155551234 sip:bob@phone.plivo.com', 'call', 'sip:bob@phone.plivo.com'],
      ['transfer warm +14155551234 again', 'transfer', 'again'],
      ['transfer +14155551234 warm', 'transfer', 'warm'],
      ['hold +14155551234 +14155550100', 'hold', '+14155550100'],
      ['status support queue', 'status', 'queue'],
      ['run-status support abc def', 'run-status', 'def'],
      ['history +14155551234', 'history', '+14155551234'],
    ])('%j', (text, verb, input) => {
      const err = thrown(() => parseCommand(text));
      expect(err).toBeInstanceOf(UnexpectedArgumentError);
      expect(err).toMatchObject({ code: 'UNEXPECTED_ARGUMENT', verb, input });
    });
  });

  describe('MissingArgumentError: run-status has no modal', () => {
    it.each([
      ['run-status', ['phlo', 'run_id']],
      ['run-status support', ['run_id']],
      ['run-status --x', null],
    ])('%j', (text, missing) => {
      const err = thrown(() => parseCommand(text));
      if (missing === null) {
        expect(err).toBeInstanceOf(UnknownFlagError);
        return;
      }
      expect(err).toBeInstanceOf(MissingArgumentError);
      expect(err).toMatchObject({ code: 'MISSING_ARGUMENT', verb: 'run-status', missing });
    });
  });

  describe('UnterminatedQuoteError', () => {
    it.each([
      ['run support note="two words', '"', 17],
      ['call \u201C+1 415 555 1234', '\u201C', 5],
      ["hold '+14155551234", "'", 5],
    ])('%j', (text, quote, position) => {
      const err = thrown(() => parseCommand(text));
      expect(err).toBeInstanceOf(UnterminatedQuoteError);
      expect(err).toMatchObject({ code: 'UNTERMINATED_QUOTE', quote, position, input: text });
    });
  });
});

describe('hostile input never escapes as anything but a UserInputError', () => {
  it.each([
    '<!channel>',
    'hold <!channel>',
    'run support x=<!here>',
    'call <@U0123ALICE>',
    '\u0000',
    'call \uD83D\uDE00',
    'run support ' + 'k=v '.repeat(500),
    '<<<>>>',
    '--',
    'history --limit 99999999999999999999999',
  ])('%j', (text) => {
    try {
      parseCommand(text);
    } catch (err) {
      expect(err).toBeInstanceOf(UserInputError);
    }
  });
});
