// What every Web API method handler gets, and the error that becomes Slack's `{ok: false, error}`.
import { str, type Json } from './httpBody.js';
import type { SlackStore } from './store.js';
import type { Directory } from './types.js';

export class SlackError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Json = {},
  ) {
    super(code);
  }
}

export type MethodHandler = (args: Json, token: string) => Json;

export interface MethodContext {
  store: SlackStore;
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
  triggerTtlMs: number;
  directory: Directory;
  baseUrl(): string;
  socketModeUrl(): string | undefined;
}

export function requireStr(args: Json, key: string, error: string): string {
  const value = str(args[key]);
  if (value === undefined || value === '') throw new SlackError(error);
  return value;
}
