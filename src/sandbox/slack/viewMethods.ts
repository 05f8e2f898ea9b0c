// views.open / push / update / publish: modal stacks per user, the Home tab, hashes and trigger ids.
import { validateView } from './blockKit.js';
import { isRecord, str, type Json } from './httpBody.js';
import { requireStr, SlackError, type MethodContext, type MethodHandler } from './methodContext.js';

export function viewMethods(ctx: MethodContext): Record<string, MethodHandler> {
  const { store } = ctx;
  const checkTrigger = (triggerId: string): void => {
    // Builders in slackRequests.ts encode the issue time: `<seq>.<epoch ms>.<hex>`.
    const match = /^\d+\.(\d{13})\.[0-9a-f]+$/.exec(triggerId);
    if (match?.[1] === undefined) return;
    if (store.usedTriggers.has(triggerId)) throw new SlackError('trigger_exchanged');
    if (ctx.triggerTtlMs > 0 && Date.now() - Number(match[1]) > ctx.triggerTtlMs) throw new SlackError('expired_trigger_id');
    store.usedTriggers.add(triggerId);
  };

  const storeView = (view: Json, extra: Json): Json => {
    const id = str(extra.id) ?? store.nextId('V');
    const stored: Json = {
      id,
      team_id: ctx.teamId,
      type: view.type,
      blocks: [],
      private_metadata: '',
      callback_id: '',
      state: { values: {} },
      hash: store.newHash(),
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      previous_view_id: null,
      root_view_id: id,
      app_id: ctx.appId,
      external_id: '',
      app_installed_team_id: ctx.teamId,
      bot_id: ctx.botId,
      ...view,
      ...extra,
    };
    stored.id = id;
    store.putView(stored);
    return stored;
  };

  const viewArg = (args: Json, surface: 'modal' | 'home'): Json => {
    const view = args.view;
    if (!isRecord(view)) throw new SlackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: view'] } });
    const problems = validateView(view, surface);
    if (problems.length > 0) {
      throw new SlackError('invalid_arguments', { response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } });
    }
    return view;
  };

  const findView = (args: Json): Json => {
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    const id = viewId ?? (externalId !== undefined ? store.externalIds.get(externalId) : undefined);
    const existing = id !== undefined ? store.views.get(id) : undefined;
    if (existing === undefined) throw new SlackError('not_found');
    const hash = str(args.hash);
    if (hash !== undefined && hash !== existing.hash) throw new SlackError('hash_conflict');
    return existing;
  };

  const openModal = (args: Json, push: boolean): Json => {
    const view = viewArg(args, 'modal');
    const triggerId = requireStr(args, 'trigger_id', 'invalid_trigger_id');
    checkTrigger(triggerId);
    const stored = storeView(view, {});
    const owner = store.triggerUsers.get(triggerId);
    if (owner !== undefined) store.openModal(owner, String(stored.id), push);
    return { view: stored };
  };

  return {
    'views.open': (args) => openModal(args, false),
    'views.push': (args) => openModal(args, true),
    'views.update': (args) => {
      const existing = findView(args);
      const view = viewArg(args, existing.type === 'home' ? 'home' : 'modal');
      return {
        view: storeView(view, {
          id: existing.id,
          root_view_id: existing.root_view_id,
          previous_view_id: existing.previous_view_id,
          hash: store.newHash(),
        }),
      };
    },
    'views.publish': (args) => {
      const userId = requireStr(args, 'user_id', 'user_not_found');
      const view = viewArg(args, 'home');
      const previous = store.homeViews.get(userId);
      const hash = str(args.hash);
      if (hash !== undefined && previous !== undefined && hash !== previous.hash) throw new SlackError('hash_conflict');
      const stored = storeView(view, previous !== undefined ? { id: previous.id, hash: store.newHash() } : {});
      store.homeViews.set(userId, stored);
      store.changed();
      return { view: stored };
    },
  };
}
