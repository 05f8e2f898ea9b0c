/**
 * The success bodies PHLO is known to send, as the vendor documents them: every "Response" example of
 * its PHLO API reference, the example objects of that reference, the answer in its Postman collection,
 * and the PHLO bodies its SDKs (plivo-go, plivo-ruby, plivo-java, plivo-node) test against.
 *
 * They disagree with each other and with the reference's own summary: `api_id` missing, a run that
 * names its id `phlo_run_id` and says no `message`, Go-style `ApiID` keys, a misspelt `errors`, extra
 * fields, even a body that is not valid JSON. Each is kept here verbatim (only the JSON body, no vendor
 * code), with where it comes from, the HTTP status it was served with (the reference's documented
 * status where the source gives none), and the operations it answers.
 */
import type { PhloOperation } from '../../../src/plivo/index.js';
import { GO_AND_RUBY_BODIES } from './vendorBodies/goAndRuby.js';
import { JAVA_AND_NODE_BODIES } from './vendorBodies/javaAndNode.js';
import { REFERENCE_BODIES } from './vendorBodies/reference.js';
import type { VendorBody } from './vendorBodies/types.js';

export { ACTION_OPERATIONS, type VendorBody } from './vendorBodies/types.js';

export const VENDOR_BODIES: readonly VendorBody[] = [...REFERENCE_BODIES, ...GO_AND_RUBY_BODIES, ...JAVA_AND_NODE_BODIES];

/** The bodies that answer `operation`. */
export function bodiesFor(operation: PhloOperation): VendorBody[] {
  return VENDOR_BODIES.filter((b) => b.operations.includes(operation));
}

function fromSource(source: string): VendorBody {
  const found = VENDOR_BODIES.find((b) => b.source === source);
  if (found === undefined) throw new Error(`no vendor body from ${source}`);
  return found;
}

/** The Ruby and Java run answers: `phlo_run_id`, no `message`. */
export const RUBY_RUN = fromSource('plivo/plivo-ruby spec/mocks/phloRunResponse.json');
export const JAVA_RUN = fromSource('plivo/plivo-java src/test/resources/com/plivo/api/phloRunnerResponse.json');
/** Ruby's answer to a member action: no `error`, the member object instead. */
export const RUBY_MEMBER_ACTION = fromSource('plivo/plivo-ruby spec/mocks/memberActionResponse.json');
/** Java's answer to every action: `errors`, not `error`. */
export const JAVA_ACTION = fromSource('plivo/plivo-java src/test/resources/com/plivo/api/multiPartyCallActionResponse.json');
/** Go's answer to a member action: `ApiID`, so no `api_id` at all. */
export const GO_MEMBER_ACTION = fromSource('plivo/plivo-go fixtures/multiPartyCallMemberActionResponse.json');
