/**
 * Member addresses as PHLO accepts them: a phone number (optional +, 8 to 15 digits) or a SIP endpoint
 * (`sip:user@host`). Two spellings of one number (`+14155551234`, `14155551234`) are one member.
 */

const PHONE = /^\+?(\d{8,15})$/;
const SIP = /^sip:([A-Za-z0-9\-_.!~*'()&=+$,;?/%]+)@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?$/i;

export function isAddress(value: string): boolean {
  return PHONE.test(value) || SIP.test(value);
}

/** The identity of an address: digits for a phone number; for SIP, the host is case-insensitive. */
export function addressKey(value: string): string {
  const phone = PHONE.exec(value);
  if (phone?.[1] !== undefined) return `tel:${phone[1]}`;
  const sip = SIP.exec(value);
  if (sip?.[1] !== undefined && sip[2] !== undefined) return `sip:${sip[1]}@${sip[2].toLowerCase()}${sip[3] ?? ''}`;
  return value;
}

export function sameAddress(a: string, b: string): boolean {
  return addressKey(a) === addressKey(b);
}
