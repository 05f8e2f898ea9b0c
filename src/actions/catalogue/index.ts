/** Every PHLO action phlo-bot can take, defined once. Adding an action is adding an entry here. */
import { Catalogue } from './catalogue.js';
import { call, coldTransfer, warmTransfer } from './dial.js';
import { abort, hangup, hold, resume, unhold, voicemail } from './member.js';
import { run, runStatus } from './run.js';
import { nodeStatus, phloStatus } from './status.js';

/** In the order `/phlo help`, the picker and the member form list them. */
const ENTRIES = [call, warmTransfer, coldTransfer, hold, unhold, hangup, resume, abort, voicemail, run, phloStatus, nodeStatus, runStatus] as const;

export const CATALOGUE = new Catalogue(ENTRIES);

/** The name of an action of the app's catalogue. */
export type ActionName = (typeof ENTRIES)[number]['name'];
/** The grammars of the app's catalogue, with their literal types. */
export type AppGrammar = (typeof ENTRIES)[number]['grammar'];
/** A `/phlo` verb of the app's catalogue. */
export type CatalogueVerb = AppGrammar['verb'];

export { Catalogue, type Approvers } from './catalogue.js';
export { memberAction, type MemberActionDefinition } from './member.js';
export { RUN_PARAM_LIMITS } from './run.js';
export { isMemberAction, verbOf } from './types.js';
export type * from './types.js';
