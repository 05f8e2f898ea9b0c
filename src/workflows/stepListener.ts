import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { memberOf } from '../actions/params.js';
import { recordRefusal } from '../actions/refusals.js';
import type { ActionDraft, SlackContext } from '../actions/types.js';
import type { AppDeps } from '../deps.js';
import { UserInputError } from '../errors.js';
import type { StepCompletion, WorkflowStepEnds } from './stepEnds.js';
import { checkStepInputs } from './stepInputs.js';
import type { WorkflowStep } from './steps.js';

const Envelope = z.object({ team_id: z.string().min(1).max(64) });

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
      // Slack's type says an object; what arrives may be null or anything else, which the check refuses.
      const teamId = Envelope.safeParse(body).data?.team_id ?? '';
      // A failure to record a refusal still ends the step (with an error id), rather than leave it running.
      const ending = await runStep(deps, step, (event as { inputs?: unknown }).inputs, teamId, run.executionId).catch(
        (error: unknown) => ({ kind: 'refused', error }) as const,
      );
      if (ending !== undefined) await deps.steps.end(completion, run, ending);
    });
  };
}

async function runStep(deps: StepListenerDeps, step: WorkflowStep, raw: unknown, teamId: string, executionId: string) {
  const check = checkStepInputs(step, raw);
  const where = check.ok ? check.checked.where : check.where;
  const slack: SlackContext = {
    teamId,
    channelId: where.channel ?? '',
    userId: where.user ?? '',
    source: 'workflow',
    stepExecutionId: executionId,
  };
  const refuse = async (error: UserInputError, recorded: Record<string, string>) => {
    // Refused like a command that didn't parse: on record, counted and logged, and PHLO never called.
    await recordRefusal(deps, slack, { action: step.callbackId, member: memberOf(recorded), params: recorded, outcome: 'invalid', error });
    return { kind: 'refused', error } as const;
  };
  if (!check.ok) return refuse(check.error, check.recorded);
  const { inputs } = check.checked;
  let draft: ActionDraft;
  try {
    draft = { ...step.toDraft(inputs, deps.catalogue), slack };
  } catch (error) {
    if (error instanceof UserInputError) return refuse(error, recordedOf(inputs));
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

/** The inputs given, as a refusal records them. */
const recordedOf = (inputs: Readonly<Record<string, string | undefined>>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) if (value !== undefined) out[name] = value;
  return out;
};
