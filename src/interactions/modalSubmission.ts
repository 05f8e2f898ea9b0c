import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { InvalidInputError } from '../actions/errors.js';
import { recordRefusal } from '../actions/refusals.js';
import type { SlackContext } from '../actions/types.js';
import type { AppDeps } from '../deps.js';
import type { UserInputError } from '../errors.js';
import { ackLatency } from '../slack/ackLatency.js';
import { decodeModalMetadata, problemBlocks, readSubmission, type ModalDraft, type SubmissionResult } from '../views/modals/index.js';

const withoutChannel = ({ channelId: _channel, ...draft }: ModalDraft): Omit<ModalDraft, 'channelId'> => draft;

/** What to show inline, checked without I/O: the form's shape, then the pipeline's check of the request. */
function inlineProblems(
  deps: AppDeps,
  result: SubmissionResult,
  slack: SlackContext,
): { errors: Record<string, string>; error: UserInputError; action?: string | undefined } | undefined {
  const checked = result.draft === undefined ? undefined : withoutChannel(result.draft);
  const problems = checked === undefined ? [] : deps.pipeline.precheck({ ...checked, slack });
  // The form's own errors win on a field both found a problem with.
  const errors = { ...problemBlocks(problems), ...(result.ok ? {} : result.errors) };
  const [field, text] = Object.entries(errors)[0] ?? [];
  if (field === undefined || text === undefined) return undefined;
  const first = result.ok ? problems[0] : undefined;
  return { errors, error: first ?? new InvalidInputError(field, text), action: checked?.action };
}

/**
 * A submitted call, transfer, member action or run form. Input that is wrong on its face stays
 * in the modal as inline errors (checked before the ack); a sound form closes and goes through
 * the same pipeline as a command, authorized again, with its result in the channel's call thread.
 */
export function modalSubmission(deps: AppDeps) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const slack: SlackContext = {
      teamId: body.team?.id ?? body.user.team_id ?? '',
      channelId: decodeModalMetadata(view.private_metadata)?.channelId ?? '',
      userId: body.user.id,
      source: 'modal',
    };
    const result = readSubmission(deps.catalogue, view.callback_id, view.state.values, view.private_metadata);
    const problem = inlineProblems(deps, result, slack);
    if (problem !== undefined) {
      await ack({ response_action: 'errors', errors: problem.errors });
      ackLatency(deps.metrics, 'view', context);
      // Recorded under the action the form asked for, when its shape said which.
      const action = problem.action ?? view.callback_id;
      const verb = problem.action === undefined ? undefined : deps.catalogue.find(problem.action)?.grammar.verb;
      await recordRefusal(deps, slack, { action, verb, params: {}, outcome: 'invalid', error: problem.error });
      return;
    }
    await ack();
    ackLatency(deps.metrics, 'view', context);
    if (!result.ok) return;
    const { channelId: _channel, ...draft } = result.draft;
    await deps.inFlight.run(() => deps.pipeline.execute({ ...draft, slack }));
  };
}
