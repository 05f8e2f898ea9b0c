import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { InvalidInputError } from '../actions/errors.js';
import { memberOf, stringParams } from '../actions/params.js';
import { recordRefusal } from '../actions/refusals.js';
import type { ActionDraft, SlackContext } from '../actions/types.js';
import type { AppDeps } from '../deps.js';
import { UserInputError } from '../errors.js';
import type { StepCompletion, WorkflowStepEnds } from './stepEnds.js';
import type { WorkflowStep } from './steps.js';

/** Who the step acts for and where: Workflow Builder's user and channel inputs. */
const Where = z.object({
  user: z.string().regex(/^[UW][A-Z0-9]+$/),
  channel: z.string().regex(/^[CGD][A-Z0-9]+$/),
});
const Envelope = z.object({ team_id: z.string().min(1) });

export interface StepListenerDeps extends AppDeps {
  steps: WorkflowStepEnds;
}

/**
 * One step's `function_executed` listener: the step's inputs become the draft a command would make
 * and go through the one pipeline; the step ends with the outcome, or stays open while the request
 * waits for approval (the approval ends it). Bolt acknowledged the event already.
 */
export function stepListener(deps: StepListenerDeps, step: WorkflowStep) {
  return async ({ event, body, complete, fail }: SlackEventMiddlewareArgs<'function_executed'> & AllMiddlewareArgs): Promise<void> => {
    // Bolt's complete/fail use the execution's own token, which is what Slack hands the step.
    const completion: StepCompletion = {
      complete: (outputs) => complete({ outputs }),
      fail: (error) => fail({ error }),
    };
    const run = { executionId: event.function_execution_id, step: step.callbackId };
    await deps.inFlight.run(async () => {
      const ending = await runStep(deps, step, event.inputs, Envelope.safeParse(body).data?.team_id ?? '', run.executionId);
      if (ending !== undefined) await deps.steps.end(completion, run, ending);
    });
  };
}

async function runStep(deps: StepListenerDeps, step: WorkflowStep, inputs: Record<string, unknown>, teamId: string, executionId: string) {
  const where = Where.safeParse(inputs);
  const slack: SlackContext = {
    teamId,
    channelId: where.data?.channel ?? '',
    userId: where.data?.user ?? '',
    source: 'workflow',
    stepExecutionId: executionId,
  };
  let draft: ActionDraft;
  try {
    if (!where.success) {
      const field = where.error.issues[0]?.path[0] === 'channel' ? 'channel' : 'user';
      throw new InvalidInputError(field, field === 'user' ? 'must be a Slack user' : 'must be a Slack channel');
    }
    draft = { ...step.toDraft(inputs, deps.catalogue), slack };
  } catch (error) {
    // Refused like a command that didn't parse: on record, counted and logged, and PHLO never called.
    if (error instanceof UserInputError) {
      await recordRefusal(deps, slack, { action: step.callbackId, member: memberOf(inputs), params: stringParams(withoutWhere(inputs)), outcome: 'invalid', error });
    }
    return { kind: 'refused', error } as const;
  }
  try {
    const executed = await deps.pipeline.execute(draft);
    // Waiting for an approver: the step stays open until the decision ends it.
    if (executed.result === undefined) return undefined;
    return { kind: 'done', actionId: executed.actionId, result: executed.result } as const;
  } catch (error) {
    return { kind: 'refused', error } as const;
  }
}

const withoutWhere = (inputs: Record<string, unknown>): Record<string, unknown> => {
  const { user: _user, channel: _channel, ...rest } = inputs;
  return rest;
};
