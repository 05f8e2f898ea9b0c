/**
 * What phlo-bot says in a call's thread and around it: action labels, PHLO's failures in plain
 * words, and the notes that keep anyone from repeating an action PHLO already took.
 */
import { CATALOGUE, type ActionName } from '../actions/catalogue/index.js';
import { PhloConnectionError, type PhloError } from '../plivo/index.js';
import { actionPhrase } from './actionWords.js';
import type { ThreadFailure } from '../actions/ports.js';
import { code, escapeMrkdwn, mention } from './escape.js';

/** Action labels of the app's catalogue, by name, for records shown outside a catalogue's views. */
export const ACTION_LABELS: Readonly<Record<ActionName, string>> = Object.fromEntries(
  CATALOGUE.entries.map((spec) => [spec.name, spec.words.label]),
);

export const UNKNOWN_OUTCOME_ADVICE =
  'The outcome is unknown: PHLO may or may not have acted. Check the call before trying again.';


/** Slack's answers that mean the bot may not post in the channel. */
const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
const ONLY_YOU = 'so only you see it. PHLO has already acted: do not repeat the action.';

/**
 * Above a result that could not be posted in the call's thread, saying truly why: the database (where
 * the thread is found) or Slack. PHLO has acted, so no "try again".
 */
export function threadUnavailable(failure: ThreadFailure | undefined): string {
  if (failure === undefined) return `:information_source: phlo-bot could not post this in the call's thread, ${ONLY_YOU}`;
  switch (failure.part) {
    case 'store':
      return `:information_source: phlo-bot's database is unavailable, so it could not find the call's thread to post this in; ${ONLY_YOU}`;
    case 'slack':
      return failure.slackError !== undefined && NOT_A_MEMBER.has(failure.slackError)
        ? `:information_source: phlo-bot could not post this in the channel (is the bot a member? \`/invite @phlo-bot\`), ${ONLY_YOU}`
        : `:information_source: Slack did not take this message for the call's thread${failure.slackError === undefined ? '' : ` (it answered ${code(failure.slackError)})`}, ${ONLY_YOU}`;
    case 'unexpected':
      return `:information_source: phlo-bot could not post this in the call's thread (error id ${code(failure.errorId)}; give it to your Slack admin), ${ONLY_YOU}`;
  }
}

/** Posted in the call's thread when PHLO is slow to answer; the result replaces it. */
export const onItsWay = (userId: string, todo: string): string => `:hourglass_flowing_sand: ${mention(userId)} asked PHLO to ${todo}…`;

/** Replaces the on-its-way message of an action that ended in an error of phlo-bot's own. */
export const abandonedOnItsWay = (userId: string, todo: string): string =>
  `:warning: ${mention(userId)} asked PHLO to ${todo}, but phlo-bot hit an error before it could show the result. ${UNKNOWN_OUTCOME_ADVICE}`;

/** Above a result whose record failed: PHLO has acted, so again no "try again". */
export const outcomeNotRecorded = (errorId: string): string =>
  `:warning: phlo-bot could not write this result to its history yet (error id ${code(errorId)}; give it to your Slack admin if it stays missing): it keeps trying until its database takes it. PHLO has already answered as shown here: do not repeat the action.`;


/** A PHLO failure in plain words, for the call's thread (docs/phlo-requests.md lists them). */
export function phloFailure(error: PhloError, timeoutMs: number): string {
  const said = error.phloError === undefined || error.phloError === '' ? '' : ` PHLO said: “${escapeMrkdwn(error.phloError)}”`;
  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  switch (error.code) {
    case 'PHLO_UNAUTHORIZED':
      return `PHLO rejected phlo-bot's PHLO credentials${status}. Ask your admin to check PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN.`;
    case 'PHLO_NOT_FOUND':
      return `PHLO could not find the PHLO, node or member${status}.${said}`;
    case 'PHLO_BAD_REQUEST':
      return `PHLO refused the request${status}.${said || ' It gave no reason.'}`;
    case 'PHLO_SERVER_ERROR':
      return `PHLO had a server error${status}.${said} PHLO may still have acted: check the call before trying again.`;
    case 'PHLO_RATE_LIMITED':
      return `PHLO is limiting requests right now${status}. Try again in a moment.`;
    case 'PHLO_METHOD_NOT_ALLOWED':
      return `PHLO does not allow this request${status}.${said}`;
    case 'PHLO_TIMEOUT':
      return `PHLO did not answer within ${Math.round(timeoutMs / 100) / 10} s.`;
    case 'PHLO_CONNECTION':
      // Waiting in line too long is phlo-bot being busy, not PHLO being unreachable.
      if (error instanceof PhloConnectionError && error.errorCode === 'QUEUE_TIMEOUT') {
        return 'phlo-bot had too many PHLO requests in flight to send this one in time, so nothing was sent. Try again in a moment.';
      }
      return error.outcomeKnown
        ? 'phlo-bot could not reach PHLO, so nothing was sent. Try again in a moment.'
        : 'The connection to PHLO broke after the request was sent.';
    case 'PHLO_INVALID_RESPONSE':
      return `PHLO answered${status}, but with something phlo-bot could not read.`;
    case 'PHLO_UNREADABLE_REPLY':
      // Always an unknown outcome, so the reply goes on to say PHLO may or may not have acted.
      return `PHLO's reply could not be read${status}: it was not JSON, so something other than PHLO may have answered (a wrong PHLO_API_URL, or a proxy). Ask your admin to check PHLO_API_URL and any proxy in between.`;
    case 'PHLO_INVALID_ARGUMENT':
      return 'phlo-bot did not send this to PHLO: an id or address in it was empty.';
    default:
      return `PHLO answered with an unexpected status${status}.${said}`;
  }
}

/** Posted in a call's thread at start for an action a crash left without an outcome. */
export function unknownOutcomeNote(userId: string, action: string, member: string | undefined, params: Record<string, string>): string {
  return `:warning: phlo-bot restarted while <@${userId}>'s request to ${actionPhrase(CATALOGUE, action, member, params).todo} was in progress. Its outcome is unknown: <@${userId}>, please check the call (or ask the people on it) before trying again.`;
}
