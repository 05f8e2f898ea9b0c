/**
 * What a form is drawn from: the channel, the configuration, the user's address, and for the member
 * form the members the call's card knows to be on the call it starts on, read from the store.
 */
import { CallFacts, CallMember } from '../actions/callState.js';
import type { AppDeps } from '../deps.js';
import { THREAD_IDLE_MS } from '../slack/callThreads.js';
import { LIMITS } from '../views/limits.js';
import { selectTarget, type KnownMember, type ModalContext } from '../views/modals/index.js';

type FormDeps = Pick<AppDeps, 'config' | 'catalogue' | 'store' | 'now'>;

/** The form's context in a channel, for a user. */
export function formContext(deps: Pick<AppDeps, 'config' | 'catalogue'>, channelId: string, userId: string): ModalContext {
  return { channelId, config: deps.config, catalogue: deps.catalogue, userAddress: deps.config.users[userId]?.address };
}

/**
 * The context with the members on the open call of the PHLO and node the form starts on (given the
 * prefill): the member a warm transfer in progress is made from first, then those still on the call,
 * in the order the card saw them. Unchanged when that call has no open thread.
 */
export async function withCallMembers(
  deps: FormDeps,
  teamId: string,
  ctx: ModalContext,
  prefill: { phlo?: string | undefined; node?: string | undefined },
): Promise<ModalContext> {
  const { phlo, node } = selectTarget(ctx, prefill);
  if (phlo === undefined || node === undefined) return ctx;
  const since = new Date(deps.now().getTime() - THREAD_IDLE_MS);
  const thread = await deps.store.threads.findActive({ teamId, channelId: ctx.channelId, phloId: phlo.id, nodeId: node.id, since });
  if (thread === undefined) return ctx;
  const listed = await deps.store.threads.listMembers(thread.id, { first: 0, firstPresent: LIMITS.staticSelectOptions });
  const members: KnownMember[] = [];
  for (const row of listed.members) {
    const parsed = CallMember.safeParse(row.data);
    // A row the card can't read is one it does not show either.
    if (row.present && parsed.success) members.push({ address: row.address, role: parsed.data.role, held: parsed.data.held });
  }
  const initiator = CallFacts.safeParse(thread.state).data?.transfer?.initiator;
  if (initiator !== undefined && !members.some((m) => m.address === initiator)) members.unshift({ address: initiator, held: false });
  return { ...ctx, call: { phloId: phlo.id, nodeId: node.id, members } };
}
