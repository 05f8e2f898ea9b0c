// What Slack shows for a post to a response_url: an ephemeral message by default, a channel message with
// response_type "in_channel", or a change to the clicked message with replace_original / delete_original.
import { str, type Json } from './httpBody.js';
import type { SlackStore } from './store.js';
import type { ResponseTarget } from './types.js';

export function showResponse(store: SlackStore, target: ResponseTarget, body: Json): void {
  const text = str(body.text);
  const content = {
    ...(text !== undefined ? { text } : {}),
    ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
  };
  const original = target.messageTs === undefined ? undefined : store.message(target.channel, target.messageTs);
  if (original !== undefined && (body.delete_original === true || body.delete_original === 'true')) {
    original.deleted = true;
    store.changed();
    return;
  }
  if (original !== undefined && (body.replace_original === true || body.replace_original === 'true')) {
    Object.assign(original, content, { updates: original.updates + 1 });
    store.changed();
    return;
  }
  if (body.response_type === 'in_channel') {
    store.putMessage({ channel: target.channel, ts: store.nextTs(), ...content, updates: 0, deleted: false });
    return;
  }
  store.addEphemeral({ channel: target.channel, user: target.user, ts: store.nextTs(), ...content });
}
