import { z } from 'zod';

/**
 * What an action button carries: ids only. A click is validated against this schema and then
 * against the configuration like any typed command, so a forged value gets nowhere.
 */
export const ActionButtonValue = z.strictObject({
  // An action name's shape; the listener refuses any but the catalogue's member actions (a forged `run`).
  a: z.string().regex(/^[a-z_]{1,32}$/),
  p: z.string().max(64),
  n: z.string().max(64).optional(),
  m: z.string().max(200),
});
export type ActionButtonValue = z.infer<typeof ActionButtonValue>;

export const encodeButtonValue = (value: ActionButtonValue): string => JSON.stringify(value);

export function decodeButtonValue(raw: string): ActionButtonValue | undefined {
  try {
    const parsed = ActionButtonValue.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What Approve and Reject carry: the request's id, and its action and member so that a value moved
 * to another request's message (or edited) does not match the request it names and is refused.
 */
export const ApprovalButtonValue = z.strictObject({
  r: z.uuid(),
  a: z.string().regex(/^[a-z_]{1,32}$/),
  m: z.string().max(200).optional(),
});
export type ApprovalButtonValue = z.infer<typeof ApprovalButtonValue>;

export const encodeApprovalValue = (value: ApprovalButtonValue): string => JSON.stringify(value);

export function decodeApprovalValue(raw: string): ApprovalButtonValue | undefined {
  try {
    const parsed = ApprovalButtonValue.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
