/**
 * Ends a Workflow Builder step run: complete with the outputs later steps use, or fail with the
 * sentence a person would have read. The step's listener ends it with the execution's own token
 * (Bolt's complete/fail); a run that waited for an approval is ended by whichever instance sees the
 * decision, with the bot token, which Slack also accepts (the execution token is not kept).
 */
import type { WebClient } from '@slack/web-api';
import type { Catalogue } from '../actions/catalogue/index.js';
import type { Responder, StepEnding, StepPort } from '../actions/ports.js';
import { UserInputError, type PhloBotError } from '../errors.js';
import { newErrorId } from '../errorId.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/index.js';
import { stepNotApproved, stepPhloFailure, stepTodo, toPlain, unexpectedError, userMessage } from '../text/index.js';
import { stepOf } from './steps.js';

/** How one run is ended: Bolt's complete/fail, or the Web API with the bot token. */
export interface StepCompletion {
  complete(outputs: Record<string, string>): Promise<unknown>;
  fail(error: string): Promise<unknown>;
}

export interface StepEndsDeps {
  client: WebClient;
  store: Store;
  responder: Pick<Responder, 'permalink'>;
  catalogue: Catalogue;
  logger: Logger;
  metrics: Metrics;
}

type Verdict = { outcome: string; outputs: Record<string, string> } | { outcome: string; error: string };

const REFUSAL_OUTCOMES: Readonly<Record<string, string>> = {
  NOT_PERMITTED: 'denied',
  REQUESTER_NOT_PERMITTED: 'denied',
  DUPLICATE_ACTION: 'duplicate',
};

export class WorkflowStepEnds implements StepPort {
  constructor(private readonly deps: StepEndsDeps) {}

  /** After an approval (maybe on another instance, maybe after a restart): with the bot token. */
  finish(run: { executionId: string; action: string }, ending: StepEnding): Promise<void> {
    const { client } = this.deps;
    const completion: StepCompletion = {
      complete: (outputs) => client.functions.completeSuccess({ function_execution_id: run.executionId, outputs }),
      fail: (error) => client.functions.completeError({ function_execution_id: run.executionId, error }),
    };
    return this.end(completion, { executionId: run.executionId, step: stepOf(this.deps.catalogue, run.action) }, ending);
  }

  /** Ends the run; a Slack failure is logged, not thrown (PHLO may have acted: nothing to retry). */
  async end(completion: StepCompletion, run: { executionId: string; step: string }, ending: StepEnding): Promise<void> {
    const verdict = await this.verdict(ending, run);
    const actionId = ending.kind === 'done' ? ending.actionId : ending.kind === 'decided' ? ending.view.requestId : undefined;
    try {
      if ('outputs' in verdict) await completion.complete(verdict.outputs);
      else await completion.fail(verdict.error);
    } catch (error) {
      this.deps.logger.warn({ err: error, executionId: run.executionId, step: run.step, actionId }, 'could not end the workflow step');
      return;
    }
    this.deps.metrics.workflowSteps.inc({ step: run.step, outcome: verdict.outcome });
    this.deps.logger.info({ executionId: run.executionId, step: run.step, outcome: verdict.outcome, actionId }, 'workflow step ended');
  }

  private async verdict(ending: StepEnding, run: { executionId: string; step: string }): Promise<Verdict> {
    const { catalogue } = this.deps;
    switch (ending.kind) {
      case 'done': {
        const { result, actionId } = ending;
        // Unknown fails too: a later step must not act as if the transfer happened when PHLO may not have made it.
        if (result.outcome !== 'ok') return { outcome: result.outcome, error: stepPhloFailure(catalogue, result) };
        const outputs: Record<string, string> = { outcome: 'ok', action_id: actionId };
        if (result.apiId !== undefined) outputs.api_id = result.apiId;
        const threadUrl = await this.threadUrl(actionId);
        if (threadUrl !== undefined) outputs.thread_url = threadUrl;
        return { outcome: 'ok', outputs };
      }
      case 'decided': {
        const { view } = ending;
        return { outcome: view.decision.outcome, error: stepNotApproved(stepTodo(catalogue, view.action, view.member, view.input), view.decision) };
      }
      case 'refused': {
        const sentence = userMessage(ending.error);
        if (sentence !== undefined) return { outcome: refusalOutcome(ending.error as PhloBotError), error: toPlain(sentence) };
        const errorId = newErrorId();
        this.deps.logger.error({ err: ending.error, errorId, executionId: run.executionId, step: run.step }, 'unexpected error');
        return { outcome: 'error', error: toPlain(unexpectedError(errorId)) };
      }
    }
  }

  /** A link to the call's thread, where the result was posted; none when it could not be posted. */
  private async threadUrl(actionId: string): Promise<string | undefined> {
    try {
      const record = await this.deps.store.actions.get(actionId);
      if (record?.threadTs === undefined) return undefined;
      return await this.deps.responder.permalink(record.channelId, record.threadTs);
    } catch (error) {
      this.deps.logger.warn({ err: error, actionId }, 'could not link the workflow step to its call thread');
      return undefined;
    }
  }
}

function refusalOutcome(error: PhloBotError): string {
  return REFUSAL_OUTCOMES[error.code] ?? (error instanceof UserInputError ? 'invalid' : 'refused');
}
