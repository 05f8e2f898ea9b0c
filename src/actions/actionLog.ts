import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { ActionRecord, NewAction, OutcomeUpdate, Store } from '../store/index.js';
import type { ActionSpec } from './catalogue/index.js';
import type { ActionRequest } from './types.js';
import { newErrorId } from '../errorId.js';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The record of what happened to an action, kept in step everywhere it shows: the row in the
 * history, the count in /metrics and the log line are written together, so they cannot disagree.
 */
export class ActionLog {
  constructor(private readonly deps: { store: Store; metrics: Metrics; logger: Logger }) {}

  /** The intent, before PHLO is asked. */
  intent(action: NewAction): Promise<ActionRecord> {
    return this.deps.store.actions.recordIntent(action);
  }

  /**
   * PHLO's answer. PHLO has acted, so from here nothing may read as "try again" (a retry would dial
   * twice): an outcome the database refuses is held and written again in the background until it
   * takes it (the store's heldOutcomes), the answer not waiting on that; it also goes to the log
   * under an error id, which is returned for the reply to carry instead of an error.
   */
  async outcome(spec: ActionSpec, request: ActionRequest, actionId: string, update: OutcomeUpdate & { errorCode?: string }): Promise<string | undefined> {
    const { errorCode, ...row } = update;
    const unrecorded = await this.write(actionId, row);
    this.deps.metrics.actions.inc({ verb: spec.grammar.verb, outcome: row.outcome });
    this.deps.logger.info(
      {
        actionId,
        user: request.slack.userId,
        action: spec.name,
        phlo: request.phlo.id,
        node: request.node?.id,
        member: request.member,
        outcome: row.outcome,
        status: row.httpStatus,
        apiId: row.apiId,
        latencyMs: row.latencyMs === undefined ? undefined : Math.round(row.latencyMs),
        ...(errorCode === undefined ? {} : { error: errorCode }),
        ...(unrecorded === undefined ? {} : { unrecordedErrorId: unrecorded }),
      },
      'action',
    );
    return unrecorded;
  }

  /** Something broke before PHLO answered (the database, a bug): the intent must not stay pending for ever. */
  async failed(actionId: string, error: unknown, at: Date): Promise<void> {
    const update: OutcomeUpdate = { outcome: 'failed', error: errorText(error), at };
    await this.deps.store.actions.recordOutcome(actionId, update).catch((recordError: unknown) => {
      const held = this.deps.store.heldOutcomes.hold(actionId, update);
      this.deps.logger.error({ err: recordError, actionId, held }, 'could not record a failure');
    });
  }

  /** A repeat of an action in flight or just done: on record as what it is, naming the first. */
  async duplicate(spec: ActionSpec, request: ActionRequest, actionId: string, firstId: string, at: Date): Promise<void> {
    await this.deps.store.actions.recordOutcome(actionId, { outcome: 'duplicate', error: `duplicate of ${firstId}`, duplicateOf: firstId, at });
    this.deps.metrics.actions.inc({ verb: spec.grammar.verb, outcome: 'duplicate' });
    this.deps.logger.info({ user: request.slack.userId, action: request.action, duplicateOf: firstId }, 'duplicate action');
  }

  private async write(actionId: string, update: OutcomeUpdate): Promise<string | undefined> {
    try {
      await this.deps.store.actions.recordOutcome(actionId, update);
      return undefined;
    } catch (error) {
      const errorId = newErrorId();
      const held = this.deps.store.heldOutcomes.hold(actionId, update);
      // The whole outcome is in this line: past the queue's bound it is the only record of it.
      this.deps.logger.error(
        { err: new Error('could not record an outcome', { cause: error }), errorId, actionId, held, ...update },
        held
          ? 'outcome not recorded yet: PHLO acted, the database refused the write; it is held and written again until the database takes it'
          : 'outcome not recorded: PHLO acted, the database refused the write, and too many outcomes are held already; the row stays pending',
      );
      return errorId;
    }
  }
}
