import { InvalidPayloadError } from '../errors.js';
import { isMemberAction, type ActionSpec, type Grammar } from './types.js';

/**
 * Who approves an action the configuration gates (`approvals:`), and whom to tell when someone asks:
 * what the confirm dialogs and the request message say, for every reader alike.
 */
export interface Approvers {
  /** The roles that approve it, and act on it directly. */
  roles: readonly string[];
  /** Slack user groups (`groups:`) mapped to one of those roles. */
  groups: readonly string[];
  /** Configured users (`users:`) with one of those roles. */
  users: readonly string[];
}

/**
 * A set of actions, in the order help, the picker and the forms list them. Everything that offers,
 * reads, performs or shows an action is given one (the app's is CATALOGUE): nothing else lists them.
 */
export class Catalogue {
  private readonly byName = new Map<string, ActionSpec>();
  private readonly byWord = new Map<string, Grammar>();
  /** One grammar per verb, in the order of their first action. */
  readonly grammars: readonly Grammar[];

  constructor(
    readonly entries: readonly ActionSpec[],
    /** By `/phlo` verb: the verbs whose use needs another person's OK. */
    private readonly approvers: ReadonlyMap<string, Approvers> = new Map(),
  ) {
    const grammars: Grammar[] = [];
    for (const spec of entries) {
      if (this.byName.has(spec.name)) throw new Error(`two catalogue entries are named ${spec.name}`);
      this.byName.set(spec.name, spec);
      const known = this.byWord.get(spec.grammar.verb);
      if (known !== undefined && known !== spec.grammar) throw new Error(`two grammars for the verb ${spec.grammar.verb}`);
      if (known !== undefined) continue;
      grammars.push(spec.grammar);
      for (const word of [spec.grammar.verb, ...(spec.grammar.aliases ?? [])]) {
        if (this.byWord.has(word)) throw new Error(`the word ${word} names two verbs`);
        this.byWord.set(word, spec.grammar);
      }
    }
    this.grammars = grammars;
  }

  /** The entry named `name`, if there is one. */
  find(name: string): ActionSpec | undefined {
    return this.byName.get(name);
  }

  /** The entry named `name`; a name from outside (a button, a form) that names none is refused. */
  spec(name: string): ActionSpec {
    const spec = this.byName.get(name);
    if (spec === undefined) throw new InvalidPayloadError(`unknown action ${JSON.stringify(name.slice(0, 50))}`);
    return spec;
  }

  /** The grammar a verb or alias (lower case) names. */
  grammar(word: string): Grammar | undefined {
    return this.byWord.get(word);
  }

  /** The entries a grammar's command can run. */
  entriesOf(grammar: Grammar): ActionSpec[] {
    return this.entries.filter((spec) => spec.grammar === grammar);
  }

  /** The actions on one member: the member form's choices, and what a button may carry. */
  get memberActions(): ActionSpec[] {
    return this.entries.filter(isMemberAction);
  }

  /** A member action named `name`, or undefined for any other name. */
  memberAction(name: string): ActionSpec | undefined {
    const spec = this.byName.get(name);
    return spec !== undefined && isMemberAction(spec) ? spec : undefined;
  }

  /** Who approves the action, when the configuration gates its verb. */
  approversOf(action: string): Approvers | undefined {
    const spec = this.byName.get(action);
    return spec === undefined ? undefined : this.approvers.get(spec.grammar.verb);
  }

  /** Whether the configuration gates any verb: without approvals, nothing ever waits for one. */
  get gatesAny(): boolean {
    return this.approvers.size > 0;
  }

  /** This catalogue and more actions after its own. */
  with(...more: ActionSpec[]): Catalogue {
    return new Catalogue([...this.entries, ...more], this.approvers);
  }

  /** This catalogue, its words saying which verbs need whose approval (by verb). */
  withApprovers(byVerb: Readonly<Record<string, Approvers>>): Catalogue {
    return new Catalogue(this.entries, new Map(Object.entries(byVerb)));
  }
}
