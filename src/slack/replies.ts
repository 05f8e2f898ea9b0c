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
   * Answers one user alone. chat.postEphemeral first; if the bot can't post there (not in the
   * channel, a DM it isn't part of), the request's response_url still reaches the user.
   */
  async ephemeral(target: EphemeralTarget, view: MessageView): Promise<void> {
    let ephemeralFailure: unknown;
    try {
      await this.client.chat.postEphemeral({
        channel: target.channelId,
        user: target.userId,
        text: view.text,
        blocks: view.blocks,
      });
      return;
    } catch (error) {
      if (target.responseUrl === undefined) throw error;
      ephemeralFailure = error;
      this.logger.warn({ err: error, channel: target.channelId }, 'chat.postEphemeral failed; answering through response_url');
    }
    try {
      const response = await request(target.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: view.text, blocks: view.blocks }),
        headersTimeout: 5000,
        bodyTimeout: 5000,
      });
      await response.body.dump();
      if (response.statusCode >= 300) throw new Error(`response_url answered ${response.statusCode}`);
    } catch (error) {
      // Both ways failed: keep both (the last as the cause, the two in `errors`).
      throw new AggregateError([ephemeralFailure, error], 'could not answer the user: chat.postEphemeral and response_url both failed', {
        cause: error,
      });
    }
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
