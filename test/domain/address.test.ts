import { describe, expect, it } from 'vitest';
import {
  Address,
  canonicalAddress,
  InvalidAddressError,
  isAddress,
  isSipAddress,
  parseAddress,
} from '../../src/domain/address.js';
import { UserInputError } from '../../src/errors.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('parseAddress: phone numbers', () => {
  it.each([
    ['+14155551234', '+14155551234'],
    ['14155551234', '+14155551234'],
    ['+1 (415) 555-1234', '+14155551234'],
    ['1 (415) 555-1234', '+14155551234'],
    ['415.555.1234', '+4155551234'],
    ['(415) 555 1234', '+4155551234'],
    ['+44 20 7946 0958', '+442079460958'],
    ['12345678', '+12345678'],
    ['+123456789012345', '+123456789012345'],
    ['  +14155551234  ', '+14155551234'],
    ['tel:+14155551234', '+14155551234'],
    ['TEL:4155551234', '+4155551234'],
  ])('%j → %j (the + and the digits)', (raw, canonical) => {
    expect(parseAddress(raw)).toBe(canonical);
  });

  it.each([
    ['5551234', 7],
    ['555-1234', 7],
    ['+1 555 123', 7],
    ['1234567890123456', 16],
    ['+1234567890123456', 16],
  ])('%j is refused: a phone number has 8 to 15 digits, not %i', (raw, digits) => {
    const err = thrown(() => parseAddress(raw, 'to'));
    expect(err).toBeInstanceOf(InvalidAddressError);
    expect(err).toMatchObject({ code: 'INVALID_ADDRESS', argument: 'to', input: raw, reason: 'phone_length', digits });
  });

  it.each(['', '+', '()', '1-800-FLOWERS', '++14155551234', '1415+5551234', '+1 415 555 1234 ext 5', 'alice'])(
    '%j is not a phone number',
    (raw) => {
      const err = thrown(() => parseAddress(raw, 'member'));
      expect(err).toBeInstanceOf(InvalidAddressError);
      expect(err).toMatchObject({ argument: 'member', input: raw, reason: 'format' });
    },
  );
});

describe('parseAddress: SIP addresses', () => {
  it.each([
    ['sip:bob@phone.plivo.com', 'sip:bob@phone.plivo.com'],
    ['SIP:bob@phone.plivo.com', 'sip:bob@phone.plivo.com'],
    ['sip:bob@Phone.plivo.com', 'sip:bob@phone.plivo.com'],
    ['sip:Bob.Smith@Phone.Plivo.com', 'sip:Bob.Smith@phone.plivo.com'],
    ['Sip:BOB@PHONE.PLIVO.COM:5070', 'sip:BOB@phone.plivo.com:5070'],
    ['sip:bob@10.0.0.7:5060', 'sip:bob@10.0.0.7:5060'],
    ['sip:bob@localhost', 'sip:bob@localhost'],
    ['sip:+14155551234@sip.example-carrier.net', 'sip:+14155551234@sip.example-carrier.net'],
    ['sip:bob_1-x@phone.plivo.com', 'sip:bob_1-x@phone.plivo.com'],
  ])('%j → %j (scheme and host lower-cased, the user as typed)', (raw, canonical) => {
    expect(parseAddress(raw)).toBe(canonical);
  });

  it.each([
    ['sip:@phone.plivo.com', 'sip_user'],
    ['sip:bo b@phone.plivo.com', 'sip_user'],
    ['sip:b<o>b@phone.plivo.com', 'sip_user'],
    ['sip:a&amp;b@phone.plivo.com', 'sip_user'],
    ['sip:bob', 'sip_host'],
    ['sip:bob@', 'sip_host'],
    ['sip:bob@phone..plivo.com', 'sip_host'],
    ['sip:bob@-phone.plivo.com', 'sip_host'],
    ['sip:bob@phone.plivo.com.', 'sip_host'],
    ['sip:bob@phone_plivo.com', 'sip_host'],
    ['sip:bob@phone.plivo.com:0', 'sip_host'],
    ['sip:bob@phone.plivo.com:65536', 'sip_host'],
    ['sip:bob@phone.plivo.com:', 'sip_host'],
    ['sip:bob@phone.plivo.com;transport=tls', 'sip_host'],
    ['sips:bob@phone.plivo.com', 'format'],
    ['bob@phone.plivo.com', 'format'],
  ])('%j is refused (%s)', (raw, reason) => {
    const err = thrown(() => parseAddress(raw, 'from'));
    expect(err).toBeInstanceOf(InvalidAddressError);
    expect(err).toBeInstanceOf(UserInputError);
    expect(err).toMatchObject({ code: 'INVALID_ADDRESS', argument: 'from', input: raw, reason });
  });
});

describe("parseAddress: Slack's escaped forms", () => {
  it.each([
    ['<tel:+14155551234|+1 415 555 1234>', '+14155551234'],
    ['<tel:4155551234|(415) 555-1234>', '+4155551234'],
    ['<tel:+14155551234>', '+14155551234'],
    ['<sip:bob@phone.plivo.com|sip:bob@phone.plivo.com>', 'sip:bob@phone.plivo.com'],
    ['<sip:bob@phone.plivo.com>', 'sip:bob@phone.plivo.com'],
    ['<sip:bob@Phone.Plivo.com|sip:bob@Phone.Plivo.com>', 'sip:bob@phone.plivo.com'],
    ['sip:<mailto:bob@phone.plivo.com|bob@phone.plivo.com>', 'sip:bob@phone.plivo.com'],
    ['sip:<mailto:bob@Phone.Plivo.com|bob@Phone.Plivo.com>', 'sip:bob@phone.plivo.com'],
    ['SIP:<mailto:bob@phone.plivo.com|bob@phone.plivo.com>', 'sip:bob@phone.plivo.com'],
    ['sip:<mailto:bob@phone.plivo.com>', 'sip:bob@phone.plivo.com'],
  ])('%j → %j', (raw, canonical) => {
    expect(parseAddress(raw)).toBe(canonical);
  });

  it.each([
    ['<mailto:bob@phone.plivo.com|bob@phone.plivo.com>', 'bob@phone.plivo.com', 'format'],
    ['<https://example.com|example.com>', 'example.com', 'format'],
    ['<tel:123|123>', '123', 'phone_length'],
    ['<@U0123ALICE>', '<@U0123ALICE>', 'format'],
  ])('%j is refused, and the error shows what the user saw: %j', (raw, display, reason) => {
    const err = thrown(() => parseAddress(raw, 'to'));
    expect(err).toBeInstanceOf(InvalidAddressError);
    expect(err).toMatchObject({ argument: 'to', input: raw, display, reason });
  });

  it('names the argument "address" when none is given', () => {
    expect(thrown(() => parseAddress('nope'))).toMatchObject({ argument: 'address' });
  });
});

describe('canonical addresses read back unchanged', () => {
  it.each(['+14155551234', '+4155551234', 'sip:bob@phone.plivo.com', 'sip:Bob@host.example:5070'])('%j', (a) => {
    expect(parseAddress(a)).toBe(a);
    expect(parseAddress(parseAddress(a))).toBe(a);
  });
});

describe('one member, one form: the spellings of an address meet', () => {
  it.each([
    ['+14155551234', '14155551234', '+1 415 555 1234', 'tel:14155551234', '<tel:14155551234|1 415 555 1234>'],
    ['sip:bob@phone.plivo.com', 'sip:bob@Phone.plivo.com', 'SIP:bob@PHONE.PLIVO.COM', '<sip:bob@Phone.Plivo.com>'],
  ])('%j', (...spellings) => {
    expect(new Set(spellings.map((a) => parseAddress(a)))).toEqual(new Set([spellings[0]]));
  });

  it('SIP users differing in case stay different members', () => {
    expect(parseAddress('sip:Bob@phone.plivo.com')).not.toBe(parseAddress('sip:bob@phone.plivo.com'));
  });
});

describe('canonicalAddress', () => {
  it.each([
    ['14155551234', '+14155551234'],
    ['sip:bob@Phone.plivo.com', 'sip:bob@phone.plivo.com'],
    ['+14155551234', '+14155551234'],
  ])('%j → %j', (raw, canonical) => {
    expect(canonicalAddress(raw)).toBe(canonical);
  });

  it.each(['alice', '5551234', '<!channel>', ''])('leaves %j, which is no address, unchanged', (raw) => {
    expect(canonicalAddress(raw)).toBe(raw);
  });
});

describe('isAddress and isSipAddress', () => {
  it.each([
    ['+14155551234', true, false],
    ['+1 (415) 555-1234', true, false],
    ['<tel:+14155551234|+1 415 555 1234>', true, false],
    ['sip:bob@phone.plivo.com', true, true],
    ['SIP:bob@phone.plivo.com', true, true],
    ['<sip:bob@phone.plivo.com|sip:bob@phone.plivo.com>', true, true],
    ['sip:<mailto:bob@phone.plivo.com|bob@phone.plivo.com>', true, true],
    ['sip:bob', false, false],
    ['5551234', false, false],
    ['bob', false, false],
  ])('%j: address %s, SIP %s', (raw, address, sip) => {
    expect(isAddress(raw)).toBe(address);
    expect(isSipAddress(raw)).toBe(sip);
  });
});

describe('the Address schema', () => {
  it('accepts what parseAddress accepts and yields the canonical form', () => {
    expect(Address.parse('+1 (415) 555-1234')).toBe('+14155551234');
    expect(Address.parse('<sip:bob@phone.plivo.com|sip:bob@phone.plivo.com>')).toBe('sip:bob@phone.plivo.com');
    expect(Address.parse('+14155551234')).toBe('+14155551234');
  });

  it.each([
    ['5551234', 'phone_length'],
    ['sip:bob@', 'sip_host'],
    ['<!channel>', 'format'],
  ])('refuses %j with a custom issue whose params.reason is %j', (raw, reason) => {
    const result = Address.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'custom', params: { reason } });
  });

  it('refuses what is not a string', () => {
    expect(Address.safeParse(14155551234).success).toBe(false);
    expect(Address.safeParse(undefined).success).toBe(false);
  });
});
