import { CATALOGUE, type Catalogue } from '../actions/catalogue/index.js';
import type { ActionResult, ApprovalNotice, NoticeTarget, Responder } from '../actions/ports.js';
import type { SlackContext } from '../actions/types.js';
import { actionReply } from '../views/actionReply.js';
import { approvalNotice } from '../views/approval.js';
import type { SlackReplies } from './replies.js';

/** Answers the asker in Slack: the pipeline's result as a message only they see. */
export class SlackResponder implements Responder {
  constructor(
    private readonly replies: SlackReplies,
    private readonly catalogue: Catalogue = CATALOGUE,
  ) {}

  privately(slack: SlackContext, result: ActionResult): Promise<void> {
    return this.replies.ephemeral(slack, actionReply(this.catalogue, result));
  }

  async notify(to: NoticeTarget, notice: ApprovalNotice): Promise<void> {
    const view = approvalNotice(this.catalogue, notice);
    // A click on App Home has no channel: the answer goes to the person's messages with the app.
    if (to.channelId === to.userId) {
      await this.replies.post(to.userId, view);
      return;
    }
    await this.replies.ephemeral(to, view);
  }

  permalink(channelId: string, ts: string): Promise<string | undefined> {
    return this.replies.permalink(channelId, ts);
  }
}
