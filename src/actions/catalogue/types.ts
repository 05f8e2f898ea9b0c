/**
 * What one catalogue entry says about its action. Every surface (the `/phlo` parser, usage and help,
 * the forms, the replies, the card and its buttons, the pipeline) reads the entry: adding an action
 * is adding an entry.
 */
import type { z } from 'zod';
import type { Permission } from '../../config/index.js';
import type { PhloClient } from '../../plivo/index.js';
import type { CallMember, StateEffect } from '../callState.js';
import type { ActionRequest, Identity } from '../types.js';

/** What PHLO answered, reduced to what a reply shows. */
export interface PhloAnswer {
  /** Absent when PHLO's answer did not carry one: a 2xx without it still means PHLO acted. */
  apiId?: string | undefined;
  /** The HTTP status PHLO answered with. */
  status?: number | undefined;
  /** Text PHLO wrote that the user should read as it is (a run's message). */
  message?: string | undefined;
  /** Facts to list in the reply (status queries). */
  facts?: [label: string, value: string][] | undefined;
}

/** A button offered after an action: the member action it runs and the member it acts on. */
export interface FollowUp {
  action: string;
  member: string;
}

/** Why a word is not one of a choice's values: names the sentence the user reads. */
export type ChoiceReason = 'unknown_role' | 'unknown_mode';

/**
 * A positional argument of a command, read in order from the words after the verb.
 * - `address`: a call address, the last positional; a phone number typed with spaces is joined.
 * - `choice`: one of a few words. Right before an address, a word that starts like an address is
 *   read as that address (the choice is then missing) and any other word as a mistyped choice.
 * - `word`: one word as typed (a PHLO alias, a run id). Before `params`, a word with `=` is a
 *   parameter, not this word.
 * - `params`: every remaining word, each `key=value`.
 */
export type Positional = { name: string; required: boolean; display?: string } & (
  | { kind: 'address' }
  | { kind: 'choice'; choices: readonly string[]; reason: ChoiceReason }
  | { kind: 'word' }
  | { kind: 'params' }
);

/** A `--flag value`: an address, one of a few words, or a word as typed (`meta` names it in the synopsis). */
export type Flag =
  | { kind: 'address' }
  | { kind: 'choice'; choices: readonly string[]; reason: ChoiceReason }
  | { kind: 'word'; meta: string };

/** What the user typed, by argument name: positionals and flags alike, only those given. */
export type TypedValues = Readonly<Record<string, unknown>>;

/** The `/phlo` command that runs an action. Several actions may share one (`transfer warm|cold`). */
export interface Grammar<V extends string = string> {
  verb: V;
  /** Other words for the verb; `help` lists the verb only. */
  aliases?: readonly string[] | undefined;
  positionals: readonly Positional[];
  /** In synopsis order. `phlo` and `node` name the target; every other value is the action's input. */
  flags: Readonly<Record<string, Flag>>;
  /** Required arguments missing: open the action's form with what was typed, or refuse the command. */
  whenMissing: 'form' | 'refuse';
  /** For `/phlo help`: one or two plain sentences, and commands that work as typed. */
  summary: string;
  examples: readonly string[];
  /** The action a complete command (or a submitted form) runs. */
  action(values: TypedValues): string;
}

/** The modal layouts an action can be asked for in. */
export type FormKind = 'call' | 'transfer' | 'member' | 'run';

export interface Form {
  kind: FormKind;
  /**
   * The picker's entry for this form, when its actions share one (the transfer form asks warm or
   * cold). Without it the picker offers the action itself, under its label.
   */
  choice?: string | undefined;
}

/** Where the call card offers the action's button. */
export type CardButton =
  /** On the member who started the warm transfer in progress. */
  | { on: 'transfer' }
  /** On each member still on the call for whom `when` holds. */
  | { on: 'member'; when(member: CallMember): boolean };

/** What the action is called and how sentences say it. Plain words: the surface formats them. */
export interface Words {
  /** Button, picker and history label. */
  label: string;
  /** Done ("hung up x") for a result, to do ("hang up x") for an attempt; `who` is the member as shown. */
  phrase(who: string, input: Readonly<Record<string, unknown>>): { done: string; todo: string };
  /** The line under the action in the member form. */
  description?: string | undefined;
  /** The confirm dialog of an action that can't be undone; `who` is the member as shown. */
  confirm?: { title: string; text(who: string): string; confirm: string } | undefined;
  /** Its button is styled as dangerous. */
  danger?: boolean | undefined;
}

export interface ActionSpec<S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> {
  name: string;
  grammar: Grammar;
  permission: Permission;
  /** `node`: acts on a multiparty call node; `phlo`: on the PHLO itself. */
  scope: 'node' | 'phlo';
  /** Changes a live call (so is deduplicated and answered in the call's thread), or only reads. */
  kind: 'change' | 'read';
  /** The one validation of the action's input, whichever entry point it came from. */
  input: S;
  words: Words;
  /** The form that asks for it; a `member` form's actions are the ones a button can carry. */
  form?: Form | undefined;
  /** How a successful action changes the call card's state. */
  changes?: StateEffect | undefined;
  card?: CardButton | undefined;
  /** Fills defaults that depend on who asks (the user's own address as `from`). */
  defaults?(input: Record<string, unknown>, identity: Identity): Record<string, unknown>;
  // Method syntax on purpose: each entry narrows the request to its own input type.
  member?(input: z.infer<S>): string | undefined;
  perform(client: PhloClient, request: ActionRequest<z.infer<S>>): Promise<PhloAnswer>;
  next(request: ActionRequest<z.infer<S>>): FollowUp[];
}

/** The `/phlo` verb of an action. */
export const verbOf = (spec: ActionSpec): string => spec.grammar.verb;

/** Acts on one member and nothing else: offered in the member form and carried by buttons. */
export const isMemberAction = (spec: ActionSpec): boolean => spec.form?.kind === 'member';
