/**
 * `/phlo history`: the channel's last actions, posted in the channel, or all of them (up to
 * 10,000) as a CSV file sent to the asker for a compliance review.
 */
import { ErrorCode } from '@slack/web-api';
import { NotPermittedError } from '../actions/errors.js';
import { recordRefusal } from '../actions/refusals.js';
import type { SlackContext } from '../actions/types.js';
import { authorize, identify } from '../actions/auth/authorize.js';
import type { HistoryCommand } from '../language/parse.js';
import type { AppDeps } from '../deps.js';
import { HISTORY_TEXT } from '../text/index.js';
import type { ActionRecord } from '../store/index.js';
import { notice } from '../views/blocks.js';
import { historyForAskerView, historyView, type HistoryEntry } from '../views/history.js';
import { renderCsvExport } from './export.js';

export const HISTORY_PERMISSION = 'history';
export const DEFAULT_HISTORY_LIMIT = 10;
/** The most rows a CSV export holds (the newest ones). */
export const CSV_MAX_ROWS = 10_000;
/** chat.getPermalink calls in flight at once for one history message. */
const PERMALINK_CONCURRENCY = 5;

/** Errors from chat.postMessage that mean the bot may not post here, not that something broke. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'cannot_dm_bot']);

export type HistoryDeps = Pick<AppDeps, 'config' | 'store' | 'replies' | 'groups' | 'logger' | 'metrics' | 'now' | 'slackClient'>;

/**
 * Runs a parsed `/phlo history`: authorizes, then posts the history or sends the CSV. `channelName`,
 * when Slack gave a usable one, titles the CSV file.
 */
export async function runHistory(deps: HistoryDeps, slack: SlackContext, command: HistoryCommand, channelName?: string): Promise<void> {
  const identity = await identify(deps.config, deps.groups, slack.userId);
  try {
    authorize(identity, HISTORY_PERMISSION);
  } catch (error) {
    if (error instanceof NotPermittedError) {
      await recordRefusal(deps, slack, {
        action: 'history',
        member: command.member,
        params: historyParams(command),
        outcome: 'denied',
        error,
      });
    }
    throw error;
  }
  if (command.csv) await exportCsv(deps, slack, command, channelName);
  else await postHistory(deps, slack, command);
}

function historyParams(command: HistoryCommand): Record<string, string> {
  const params: Record<string, string> = {};
  if (command.limit !== undefined) params.limit = String(command.limit);
  if (command.csv) params.csv = 'true';
  return params;
}

async function postHistory(deps: HistoryDeps, slack: SlackContext, command: HistoryCommand): Promise<void> {
  const records = await deps.store.actions.history({
    teamId: slack.teamId,
    channelId: slack.channelId,
    member: command.member,
    limit: command.limit ?? DEFAULT_HISTORY_LIMIT,
  });
  const entries = await withThreadLinks(deps, records);
  const view = historyView({ channelId: slack.channelId, askedBy: slack.userId, member: command.member, entries });
  try {
    await deps.replies.post(slack.channelId, view);
  } catch (error) {
    const reason = platformError(error);
    if (reason === undefined || !CANNOT_POST.has(reason)) throw error;
    deps.logger.info({ channel: slack.channelId, reason }, 'history: cannot post in the channel; answering the asker alone');
    await deps.replies.ephemeral(slack, historyForAskerView(view));
  }
  deps.logger.info(
    { user: slack.userId, action: 'history', channel: slack.channelId, member: command.member, rows: records.length },
    'history posted',
  );
}

/** One chat.getPermalink per distinct call thread, a few at a time; a failed one just leaves its link out. */
async function withThreadLinks(deps: Pick<HistoryDeps, 'replies'>, records: ActionRecord[]): Promise<HistoryEntry[]> {
  const keys = [...new Set(records.flatMap((r) => (r.threadTs === undefined ? [] : [`${r.channelId} ${r.threadTs}`])))];
  const links = new Map<string, string | undefined>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const key = keys[next++] as string;
      const [channelId, ts] = key.split(' ') as [string, string];
      links.set(key, await deps.replies.permalink(channelId, ts));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PERMALINK_CONCURRENCY, keys.length) }, worker));
  return records.map((record) => ({
    record,
    threadLink: record.threadTs === undefined ? undefined : links.get(`${record.channelId} ${record.threadTs}`),
  }));
}

async function exportCsv(deps: HistoryDeps, slack: SlackContext, command: HistoryCommand, channelName: string | undefined): Promise<void> {
  const limit = command.limit ?? CSV_MAX_ROWS;
  const { file, rows } = await renderCsvExport(deps.store.actions, {
    teamId: slack.teamId,
    channelId: slack.channelId,
    member: command.member,
    limit,
  });
  if (rows === 0) {
    const text = HISTORY_TEXT.csvNone(command.member);
    await deps.replies.ephemeral(slack, notice(text));
    return;
  }
  const capped = command.limit === undefined && rows >= CSV_MAX_ROWS;
  const at = deps.now();
  const dm = await deps.slackClient.conversations.open({ users: slack.userId });
  const dmId = dm.channel?.id;
  if (dmId === undefined) throw new Error('conversations.open answered without a channel id');
  const uploaded = await deps.slackClient.filesUploadV2({
    channel_id: dmId,
    file,
    filename: csvFilename(slack.channelId, at),
    title: HISTORY_TEXT.csvTitle(channelName, at),
    initial_comment: HISTORY_TEXT.csvComment(slack.channelId, rows, command.member, capped),
  });
  const link = uploaded.files.flatMap((f) => f.files ?? []).find((f) => f.permalink !== undefined)?.permalink;
  const text = HISTORY_TEXT.csvSent(rows, link);
  await deps.replies.ephemeral(slack, notice(text));
  deps.logger.info(
    { user: slack.userId, action: 'history', channel: slack.channelId, member: command.member, rows, csv: true },
    'history exported',
  );
}

/** `phlo-history-C0123-20250401T090000Z.csv`: the channel and the time of the export. */
export function csvFilename(channelId: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `phlo-history-${channelId.replace(/[^A-Za-z0-9]/g, '')}-${stamp}.csv`;
}

function platformError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; data?: { error?: unknown } };
  return e.code === ErrorCode.PlatformError && typeof e.data?.error === 'string' ? e.data.error : undefined;
}
