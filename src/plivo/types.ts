/** Names shared by the client, its errors and its callers. */

/** One of the 13 PHLO operations of the reference (the wire `action` for the multiparty call ones). */
export type PhloOperation =
  | 'get_phlo'
  | 'run_phlo'
  | 'get_run'
  | 'get_multi_party_call'
  | 'call'
  | 'warm_transfer'
  | 'cold_transfer'
  | 'hold'
  | 'unhold'
  | 'hangup'
  | 'resume_call'
  | 'abort_transfer'
  | 'voicemail_drop';

/** Actions posted to a multiparty call node. */
export type CallAction = 'call' | 'warm_transfer' | 'cold_transfer';

/** Actions posted to one member of a multiparty call node. */
export type MemberAction = 'hold' | 'unhold' | 'hangup' | 'resume_call' | 'abort_transfer' | 'voicemail_drop';

export type MemberRole = 'agent' | 'customer';

export type HttpMethod = 'GET' | 'POST';

/** One HTTP attempt, reported for metrics. */
export interface PhloRequestEvent {
  operation: PhloOperation;
  method: HttpMethod;
  /** The HTTP status PHLO answered, or why there was none. */
  status: number | 'timeout' | 'network_error';
  durationMs: number;
  /** 1 for the first try, 2 for the first retry, and so on. */
  attempt: number;
}
