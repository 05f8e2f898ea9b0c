/**
 * A modal's `private_metadata`: the channel it was opened from and the action it was opened for.
 * Ids only. It comes back with every submission, and is decoded strictly: anything else is
 * treated as a form that is no longer valid.
 */
import { z } from 'zod';
import { LIMITS } from '../limits.js';

/** What a modal was opened for: a picker choice (a form, or a member action). */
export const ModalAction = z.string().regex(/^[a-z_-]{1,32}$/);
export type ModalAction = z.infer<typeof ModalAction>;

/** A Slack conversation id (C…, G…, D…): safe to put in `<#…>`. */
export const ChannelId = z.string().regex(/^[A-Z][A-Z0-9]{1,63}$/);

export const ModalMetadata = z.strictObject({
  /** The channel the modal was opened from: the result goes to the call's thread there. */
  channelId: ChannelId,
  /** The action the modal was opened for (informational: a submission reads the action from its fields). */
  action: ModalAction.optional(),
});
export type ModalMetadata = z.infer<typeof ModalMetadata>;

/** @throws ZodError for a channel id that is not one (a programming error: Slack sends valid ids). */
export function encodeModalMetadata(metadata: ModalMetadata): string {
  const encoded = JSON.stringify(ModalMetadata.parse(metadata));
  // Bounded by the schema (an id and an enum), far below Slack's limit; kept as a guard.
  if (encoded.length > LIMITS.privateMetadata) throw new Error('private_metadata too long');
  return encoded;
}

/** The metadata, or undefined for anything that is not exactly what encodeModalMetadata writes. */
export function decodeModalMetadata(raw: unknown): ModalMetadata | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > LIMITS.privateMetadata) return undefined;
  try {
    const parsed = ModalMetadata.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
