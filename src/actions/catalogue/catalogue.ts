import { InvalidPayloadError } from '../errors.js';
import { isMemberAction, type ActionSpec, type Grammar } from './types.js';

/**
 * A set of actions, in the order help, the picker and the forms list them. Everything that offers,
 * reads, performs or shows an action is given one (the app's is CATALOGUE): nothing else lists them.
 */
export class Catalogue {
  private readonly byName = new Map<string, ActionSpec>();
  private readonly byWord = new Map<string, Grammar>();
  /** One grammar per verb, in the order of their first action. */
  readonly grammars: readonly Grammar[];

  constructor(readonly entries: readonly ActionSpec[]) {
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

  /** This catalogue and more actions after its own. */
  with(...more: ActionSpec[]): Catalogue {
    return new Catalogue([...this.entries, ...more]);
  }
}
