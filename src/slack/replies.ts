import type { WebClient } from '@slack/web-api';
import { request } from 'undici';
import type { Logger } from '../logger.js';
import type { ModalView } from '@slack/types';
import type { MessageView } from '../views/blocks.js';
import { explainModalFailure } from './errors.js';

export interface EphemeralTarget {
  channelId: string;
  userId: string;
  /** A response_url to fall back on when the bot can't post in the channel. */
  responseUrl?: string | undefined;
  /** The thread the request was made in: the answer appears there, not in the channel. */
  answerThreadTs?: string | undefined;
  /** Made on a message only the user sees: its response_url answers in that message's place. */
  fromEphemeral?: boolean | undefined;
}

/** What a click's payload says of the message clicked on. */
export interface ClickedMessage {
  message?: { ts?: string | undefined; thread_ts?: string | undefined } | null | undefined;
  container?: { is_ephemeral?: boolean | undefined; thread_ts?: string | undefined } | null | undefined;
}

/**
 * Where an answer to a click, for the clicker alone, goes. A click on a reply in a thread is answered in
 * that thread (a reply's thread_ts is its parent's ts, which chat.postEphemeral wants); a click on a
 * message in the channel, the call's card included, in the channel. A click on a message only the
 * clicker sees (Slack then sends no message) is answered in its place, through the response_url.
 */
export function clickAnswerPlace(clicked: ClickedMessage): Pick<EphemeralTarget, 'answerThreadTs' | 'fromEphemeral'> {
  if (clicked.container?.is_ephemeral === true) return { fromEphemeral: true, answerThreadTs: clicked.container.thread_ts ?? undefined };
  const ts = clicked.message?.ts;
  const threadTs = clicked.message?.thread_ts;
  return { answerThreadTs: threadTs !== undefined && threadTs !== ts ? threadTs : undefined };
}

/** Posting to Slack: messages, thread replies, card updates and answers to one user alone. */
export class SlackReplies {
  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
  ) {}

  /** Posts a message (or a thread reply) and returns its ts. */
  async post(channelId: string, view: MessageView, threadTs?: string): Promise<string> {
    const result = await this.client.chat.postMessage({
      channel: channelId,
      text: view.text,
      blocks: view.blocks,
      unfurl_links: false,
      unfurl_media: false,
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    });
    if (result.ts === undefined) throw new Error('chat.postMessage answered without a ts');
    return result.ts;
  }

  async update(channelId: string, ts: string, view: MessageView): Promise<void> {
    await this.client.chat.update({ channel: channelId, ts, text: view.text, blocks: view.blocks });
  }

  /**
   * Answers one user alone, where they asked: in the thread of a click made in a thread, else in the
   * channel, with chat.postEphemeral; if the bot can't post there (not in the channel, a DM it isn't
   * part of), the request's response_url still reaches the user. A click on a message only the user
   * sees is answered through its response_url first: that answer lands where the message is.
   */
  async ephemeral(target: EphemeralTarget, view: MessageView): Promise<void> {
    const { responseUrl } = target;
    const viaPost = (): Promise<void> => this.postEphemeral(target, view);
    const viaUrl = responseUrl === undefined ? undefined : (): Promise<void> => this.respond(responseUrl, view);
    const [first, second] = target.fromEphemeral === true && viaUrl !== undefined ? [viaUrl, viaPost] : [viaPost, viaUrl];
    let firstFailure: unknown;
    try {
      await first();
      return;
    } catch (error) {
      if (second === undefined) throw error;
      firstFailure = error;
      this.logger.warn({ err: error, channel: target.channelId }, 'could not answer the user the first way; trying the other');
    }
    try {
      await second();
    } catch (error) {
      // Both ways failed: keep both (the last as the cause, the two in `errors`).
      throw new AggregateError([firstFailure, error], 'could not answer the user: chat.postEphemeral and response_url both failed', {
        cause: error,
      });
    }
  }

  private async postEphemeral(target: EphemeralTarget, view: MessageView): Promise<void> {
    await this.client.chat.postEphemeral({
      channel: target.channelId,
      user: target.userId,
      text: view.text,
      blocks: view.blocks,
      ...(target.answerThreadTs === undefined ? {} : { thread_ts: target.answerThreadTs }),
    });
  }

  private async respond(responseUrl: string, view: MessageView): Promise<void> {
    const response = await request(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: view.text, blocks: view.blocks }),
      headersTimeout: 5000,
      bodyTimeout: 5000,
    });
    await response.body.dump();
    if (response.statusCode >= 300) throw new Error(`response_url answered ${response.statusCode}`);
  }

  /** Opens a modal; call it first thing, since a trigger_id lives three seconds. */
  async openModal(triggerId: string, view: ModalView): Promise<void> {
    try {
      await this.client.views.open({ trigger_id: triggerId, view });
    } catch (error) {
      throw explainModalFailure(error);
    }
  }

  /** Replaces an open modal; `hash` makes Slack refuse if the user changed it meanwhile. */
  async updateModal(viewId: string, hash: string | undefined, view: ModalView): Promise<void> {
    try {
      await this.client.views.update({ view_id: viewId, ...(hash === undefined ? {} : { hash }), view });
    } catch (error) {
      throw explainModalFailure(error);
    }
  }

  async permalink(channelId: string, ts: string): Promise<string | undefined> {
    try {
      const result = await this.client.chat.getPermalink({ channel: channelId, message_ts: ts });
      return result.permalink;
    } catch (error) {
      this.logger.warn({ err: error }, 'chat.getPermalink failed');
      return undefined;
    }
  }
}
