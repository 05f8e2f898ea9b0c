import type { AckFn, App, Receiver, ReceiverEvent } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import { ackLatency } from '../ackLatency.js';

/** The kinds of request Slack sends, as a metric label; anything else is `other`. */
const KINDS = new Set([
  'block_actions',
  'block_suggestion',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'interactive_message',
  'dialog_submission',
  'dialog_cancellation',
  'dialog_suggestion',
  'workflow_step_edit',
]);

/** Long enough to tell ids apart in the log, short enough that a forged one can't fill it. */
const LOGGED_MAX = 100;
const Text = z.string().transform((s) => s.slice(0, LOGGED_MAX));

const Described = z.looseObject({
  command: Text.optional().catch(undefined),
  type: Text.optional().catch(undefined),
  callback_id: Text.optional().catch(undefined),
  view: z.looseObject({ callback_id: Text.optional().catch(undefined) }).optional().catch(undefined),
  actions: z.array(z.looseObject({ action_id: Text.optional().catch(undefined) })).optional().catch(undefined),
  action_id: Text.optional().catch(undefined),
  event: z
    .looseObject({
      type: Text.optional().catch(undefined),
      function: z.looseObject({ callback_id: Text.optional().catch(undefined) }).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

/** What a request is, for the log line and the metric's `kind` of one nobody handled. */
export function describeRequest(body: unknown): { kind: string; fields: Record<string, string | undefined> } {
  const parsed = Described.safeParse(body);
  if (!parsed.success) return { kind: 'other', fields: {} };
  const b = parsed.data;
  if (b.command !== undefined) return { kind: 'command', fields: { command: b.command } };
  if (b.type === 'event_callback') {
    const eventType = b.event?.type;
    const kind = eventType === 'function_executed' ? 'function_executed' : 'event';
    return { kind, fields: { eventType, callbackId: b.event?.function?.callback_id } };
  }
  const kind = b.type !== undefined && KINDS.has(b.type) ? b.type : 'other';
  return { kind, fields: { type: b.type, callbackId: b.view?.callback_id ?? b.callback_id, actionId: b.actions?.[0]?.action_id ?? b.action_id } };
}

export interface AcknowledgingDeps {
  logger: Logger;
  metrics: Metrics;
}

/**
 * Gives every request Bolt handles its acknowledgement, whichever receiver brought it (HTTP or Socket
 * Mode). One that no listener acknowledged (nobody handles its kind, callback id, action id or event
 * type; a listener failed before acknowledging; Bolt could not tell what it is) is acknowledged with
 * an empty answer once Bolt is done with it, logged and counted. Unacknowledged, Slack shows the user
 * an error, delivers an event again, and, in Socket Mode, keeps the envelope waiting.
 */
export class AcknowledgingReceiver implements Receiver {
  constructor(
    private readonly inner: Receiver,
    private readonly deps: AcknowledgingDeps,
  ) {}

  init(app: App): void {
    const processEvent = (event: ReceiverEvent): Promise<void> => this.process(app, event);
    // The receivers only call processEvent on the app they are given: that one call goes through here.
    this.inner.init(
      new Proxy(app, {
        get: (target, property, receiver): unknown => (property === 'processEvent' ? processEvent : Reflect.get(target, property, receiver)),
      }),
    );
  }

  start(...args: unknown[]): Promise<unknown> {
    return this.inner.start(...args);
  }

  stop(...args: unknown[]): Promise<unknown> {
    return this.inner.stop(...args);
  }

  private async process(app: App, event: ReceiverEvent): Promise<void> {
    let acked = false;
    const isAcked = (): boolean => acked;
    const ack: AckFn<unknown> = (response) => {
      acked = true;
      return event.ack(response);
    };
    try {
      await app.processEvent({ ...event, ack });
    } finally {
      // Set by the ack above, which a listener may have called meanwhile.
      if (!isAcked()) await this.ackUnhandled(event);
    }
  }

  private async ackUnhandled(event: ReceiverEvent): Promise<void> {
    const { kind, fields } = describeRequest(event.body);
    try {
      await event.ack();
    } catch (error) {
      // The receiver answered already (its own deadline passed): nothing left to send.
      this.deps.logger.debug({ err: error, kind }, 'Slack request was answered before Bolt was done with it');
    }
    ackLatency(this.deps.metrics, 'unhandled', event.customProperties ?? {});
    this.deps.metrics.slackUnhandled.inc({ kind });
    this.deps.logger.info({ kind, ...fields }, 'Slack request nobody handles acknowledged');
  }
}
