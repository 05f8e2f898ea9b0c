import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import type { Store } from '../../store/index.js';
import { ackQuietly } from './ackQuietly.js';

/**
 * Slack delivers an event again when it thinks the first delivery failed: at once, after a minute,
 * after five, for up to an hour in all. Keep each delivery twice that long.
 */
export const DELIVERY_KEPT_MS = 2 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 1000;

/** Where the Socket Mode receiver puts an envelope's id on each request's context. */
export const SOCKET_ENVELOPE_ID = 'socketEnvelopeId';

/** Ids longer than this are not Slack's; such a body is not deduplicated (the signature check still holds). */
const ID_MAX = 255;
const Id = z.string().min(1).max(ID_MAX);

const EventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event_id: Id,
  event: z
    .looseObject({ type: z.string().max(ID_MAX).optional(), function_execution_id: Id.optional() })
    .optional(),
});

/** Slack's words for why it delivers again, as a metric label; anything else is `other`. */
const RETRY_REASON = /^[a-z_]{1,40}$/;

export interface Delivery {
  /** What the delivery is taken on under: the event, and for a workflow step its run. */
  keys: string[];
  eventId: string;
  eventType: string | undefined;
  executionId: string | undefined;
}

/**
 * The ids an Events API body is known by. Read from the payload, not from HTTP headers, so a delivery
 * over Socket Mode (a new envelope, the same payload) is recognised the same way.
 */
export function deliveryOf(body: unknown): Delivery | undefined {
  const parsed = EventCallback.safeParse(body);
  if (!parsed.success) return undefined;
  const { event_id: eventId, event } = parsed.data;
  const executionId = event?.type === 'function_executed' ? event.function_execution_id : undefined;
  return {
    keys: [`event:${eventId}`, ...(executionId === undefined ? [] : [`step:${executionId}`])],
    eventId,
    eventType: event?.type,
    executionId,
  };
}

export interface RedeliveryGuardDeps {
  store: Store;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
}

/**
 * An Events API event, or a workflow step run, already taken on (here or on another instance sharing
 * the database) is acknowledged and not acted on again: no second PHLO request, no second request for
 * approval, no second ending of the step. A delivery that arrives while the first is still running
 * leaves the work, and the step's ending, to the first.
 */
export function redeliveryGuard(deps: RedeliveryGuardDeps): Middleware<AnyMiddlewareArgs> {
  let lastPruned = 0;
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const delivery = deliveryOf(args.body);
    // Over Socket Mode, Slack delivers an envelope nobody acknowledged again with the same envelope_id:
    // a command or a click as well as an event, with no signature for the replay guard to know it by.
    const envelopeId = Id.safeParse(args.context[SOCKET_ENVELOPE_ID]).data;
    const keys = [...(delivery?.keys ?? []), ...(envelopeId === undefined ? [] : [`envelope:${envelopeId}`])];
    if (keys.length === 0) {
      await args.next();
      return;
    }
    const now = deps.now();
    const first = await deps.store.deliveries.claim(keys, now, new Date(now.getTime() + DELIVERY_KEPT_MS));
    if (now.getTime() - lastPruned > PRUNE_EVERY_MS) {
      lastPruned = now.getTime();
      deps.store.deliveries
        .prune(now)
        .catch((error: unknown) => { deps.logger.warn({ err: error }, 'could not prune Slack deliveries'); });
    }
    if (first) {
      await args.next();
      return;
    }
    const { retryNum, retryReason } = args.context;
    const reason = typeof retryReason === 'string' && RETRY_REASON.test(retryReason) ? retryReason : 'other';
    deps.metrics.slackRedeliveries.inc({ reason });
    deps.logger.info(
      { eventId: delivery?.eventId, eventType: delivery?.eventType, executionId: delivery?.executionId, envelopeId, retryNum, retryReason: reason },
      'redelivered Slack event ignored',
    );
    await ackQuietly(args);
  };
}
