import { z } from 'zod';
import { MEMBER_ACTIONS } from '../actions/types.js';

/**
 * What an action button carries: ids only. A click is validated against this schema and then
 * against the configuration like any typed command, so a forged value gets nowhere.
 */
export const ActionButtonValue = z.strictObject({
  // Buttons only ever act on a member; a forged `call` or `run` fails here.
  a: z.enum(MEMBER_ACTIONS),
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
