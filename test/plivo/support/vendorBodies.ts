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

export interface VendorBody {
  /** `repo path` (at the commit noted when the file has changed), or `API reference: <section>`. */
  source: string;
  /** The operations this body answers in its source (for an action body: the family it belongs to). */
  operations: readonly PhloOperation[];
  status: number;
  /** Exactly as the source has it. */
  body: string;
  /** What a reader of this body can know. Absent keys: the body does not say. */
  expected: {
    apiId?: string;
    runId?: string;
    phloId?: string;
    name?: string;
    nodeId?: string;
    nodeType?: string;
    createdOn?: string;
    message?: string;
    callUuids?: string[];
    messageUuids?: string[];
    recordingIds?: string[];
  };
}

const NODE_ACTIONS = ['call', 'warm_transfer', 'cold_transfer'] as const satisfies readonly PhloOperation[];
const MEMBER_ACTIONS = ['hold', 'unhold', 'hangup', 'resume_call', 'abort_transfer', 'voicemail_drop'] as const satisfies readonly PhloOperation[];
/** Every action POST to a multiparty call node or one of its members. */
export const ACTION_OPERATIONS: readonly PhloOperation[] = [...NODE_ACTIONS, ...MEMBER_ACTIONS];

/** A member action documented with `{api_id, error: ""}` in the reference. */
const referenceMemberAction = (section: string, op: PhloOperation): VendorBody => ({
  source: `API reference: ${section}`,
  operations: [op],
  status: 201,
  body: String.raw`{
    "api_id": "11d8c251-d7bf-4aba-9763-985f21bcb455",
    "error": ""
}`,
  expected: { apiId: '11d8c251-d7bf-4aba-9763-985f21bcb455' },
});

export const VENDOR_BODIES: readonly VendorBody[] = [
  // ---- The PHLO API reference ----
  {
    source: 'API reference: API response, Response examples, Success',
    operations: ['get_phlo'],
    status: 200,
    body: String.raw`{
    "api_id": "495fe589-9bea-4283-b142-feb3f7d157d0",
    "phlo_id": "73d6ab01-a2f6-4a84-850f-21e1d46b30bf",
    "name": "Multi-party_Outbound",
    "created_on": "2020-08-01 09:04:40.632232+00:00"
}`,
    expected: {
      apiId: '495fe589-9bea-4283-b142-feb3f7d157d0',
      phloId: '73d6ab01-a2f6-4a84-850f-21e1d46b30bf',
      name: 'Multi-party_Outbound',
      createdOn: '2020-08-01 09:04:40.632232+00:00',
    },
  },
  {
    source: 'API reference: The PHLO Object, Example Object',
    operations: ['get_phlo'],
    status: 200,
    body: String.raw`{
    "phlo_id": "4c1a9f23-7f56-4879-bb80-db856e1e7701",
    "name": "SMS Notifications",
    "created_on": "2021-01-30 09:20:08.617883+00:00"
}`,
    expected: { phloId: '4c1a9f23-7f56-4879-bb80-db856e1e7701', name: 'SMS Notifications', createdOn: '2021-01-30 09:20:08.617883+00:00' },
  },
  {
    source: 'API reference: Retrieve a PHLO, Response',
    operations: ['get_phlo'],
    status: 200,
    body: String.raw`{
    "api_id": "e4202a42-0419-43db-9889-c440d3167796",
    "phlo_id": "4c1a9f23-7f56-4879-bb80-db856e1e7701",
    "name": "SMS Notifications",
    "created_on": "2021-01-30 09:20:08.617883+00:00"
}`,
    expected: {
      apiId: 'e4202a42-0419-43db-9889-c440d3167796',
      phloId: '4c1a9f23-7f56-4879-bb80-db856e1e7701',
      name: 'SMS Notifications',
      createdOn: '2021-01-30 09:20:08.617883+00:00',
    },
  },
  {
    source: 'API reference: Run a PHLO, Response',
    operations: ['run_phlo'],
    status: 201,
    body: String.raw`{
    "phlo_id": "4c1a9f23-7f56-4879-bb80-db856e1e7701",
    "api_id": "7b6f8256-07c7-4d9a-bf2a-a2cd0f05d269",
    "message": "b'Send SMS' - b'Send SMS_1' with phlo_run_uuid: 7b6f8256-07c7-4d9a-bf2a-a2cd0f05d269 executed with response: {'api_id': '81525812-3c04-11e9-aa1e-06c75f1208d2',\n 'message': 'message(s) queued',\n 'message_uuid': ['8152b05a-3c04-11e9-aa1e-06c75f1208d2']}"
}`,
    expected: {
      apiId: '7b6f8256-07c7-4d9a-bf2a-a2cd0f05d269',
      runId: '7b6f8256-07c7-4d9a-bf2a-a2cd0f05d269',
      phloId: '4c1a9f23-7f56-4879-bb80-db856e1e7701',
      message:
        "b'Send SMS' - b'Send SMS_1' with phlo_run_uuid: 7b6f8256-07c7-4d9a-bf2a-a2cd0f05d269 executed with response: {'api_id': '81525812-3c04-11e9-aa1e-06c75f1208d2',\n 'message': 'message(s) queued',\n 'message_uuid': ['8152b05a-3c04-11e9-aa1e-06c75f1208d2']}",
    },
  },
  {
    source: 'API reference: The MultiPartyCall Object, Example Object',
    operations: ['get_multi_party_call'],
    status: 200,
    body: String.raw`{
    "node_id": "b4b48fc2-f47a-4a93-97c3-749ed9a40fa8",
    "phlo_id": "73d6ab01-a2f6-4a84-850f-21e1d46b30bf",
    "name": "Multi-Party Call_1",
    "node_type": "multi_party_call",
    "created_on": "2020-08-01 09:05:11.846982+00:00"
}`,
    expected: {
      nodeId: 'b4b48fc2-f47a-4a93-97c3-749ed9a40fa8',
      phloId: '73d6ab01-a2f6-4a84-850f-21e1d46b30bf',
      name: 'Multi-Party Call_1',
      nodeType: 'multi_party_call',
      createdOn: '2020-08-01 09:05:11.846982+00:00',
    },
  },
  {
    source: 'API reference: Retrieve a multiparty call, Response',
    operations: ['get_multi_party_call'],
    status: 200,
    body: String.raw`{
    "api_id": "2163e3fb-d6d0-46fb-a4ce-2d24a6b0b89f",
    "node_id": "b4b48fc2-f47a-4a93-97c3-749ed9a40fa8",
    "phlo_id": "73d6ab01-a2f6-4a84-850f-21e1d46b30bf",
    "name": "Multi-Party Call_1",
    "node_type": "multi_party_call",
    "created_on": "2020-08-01 09:05:11.846982+00:00"
}`,
    expected: {
      apiId: '2163e3fb-d6d0-46fb-a4ce-2d24a6b0b89f',
      nodeId: 'b4b48fc2-f47a-4a93-97c3-749ed9a40fa8',
      phloId: '73d6ab01-a2f6-4a84-850f-21e1d46b30bf',
      name: 'Multi-Party Call_1',
      nodeType: 'multi_party_call',
      createdOn: '2020-08-01 09:05:11.846982+00:00',
    },
  },
  {
    source: 'API reference: Add user to a multiparty call, Response',
    operations: ['call'],
    status: 201,
    body: String.raw`{
    "api_id": "073e36d4-fd1e-4be3-b00b-ab33105011a7",
    "error": ""
}`,
    expected: { apiId: '073e36d4-fd1e-4be3-b00b-ab33105011a7' },
  },
  {
    source: 'API reference: Warm transfer a caller, Response',
    operations: ['warm_transfer'],
    status: 201,
    body: String.raw`{
    "api_id": "faad0293-f5f0-487e-8ff7-b45ba6c45b25",
    "error": ""
}`,
    expected: { apiId: 'faad0293-f5f0-487e-8ff7-b45ba6c45b25' },
  },
  {
    source: 'API reference: Cold transfer a caller, Response',
    operations: ['cold_transfer'],
    status: 201,
    body: String.raw`{
    "api_id": "8c77b816-d621-4028-afc8-1aeab1d497a8",
    "error": ""
}`,
    expected: { apiId: '8c77b816-d621-4028-afc8-1aeab1d497a8' },
  },
  {
    // Not valid JSON as printed (the last value closes with ' instead of "): what a member action
    // would answer if PHLO sent the member object, as plivo-ruby's fixture has it, written like this.
    source: 'API reference: The Member Object, Example Object',
    operations: MEMBER_ACTIONS,
    status: 201,
    body: String.raw`{
   "node_id": "36989807-a76f-4555-84d1-9dfdccca7a80",
   "node_type": "multi_party_call",
   "phlo_id": "e564a84a-7910-4447-b16f-65c541dd552c",
   "member_address": "9999999999",
   "created_on": "2020-11-03 19:32:33.240504+00:00'
}`,
    expected: {},
  },
  referenceMemberAction('Hold a member, Response', 'hold'),
  referenceMemberAction('Unhold a member, Response', 'unhold'),
  referenceMemberAction('Hang up a member, Response', 'hangup'),
  referenceMemberAction('Resume call on warm transfer, Response', 'resume_call'),
  referenceMemberAction('Abort a call transfer, Response', 'abort_transfer'),
  referenceMemberAction('Voicemail drop a member, Response', 'voicemail_drop'),
  {
    source: 'API reference: The PHLO Run object, Example Object',
    operations: ['get_run'],
    status: 200,
    body: String.raw`{
    "phlo_id": "e564a84a-7910-4447-b16f-65c541dd552c",
    "run_id": "b7df01fd-1cb0-404e-a0d1-21e69a610e84",
    "call_uuids": ["11e4f82c-069c-49f9-9fcb-54c6633e2cdb"],
    "message_uuids": [],
    "recording_ids": []
}`,
    expected: {
      phloId: 'e564a84a-7910-4447-b16f-65c541dd552c',
      runId: 'b7df01fd-1cb0-404e-a0d1-21e69a610e84',
      callUuids: ['11e4f82c-069c-49f9-9fcb-54c6633e2cdb'],
      messageUuids: [],
      recordingIds: [],
    },
  },
  {
    source: 'API reference: Retrieve a PHLO run, Response',
    operations: ['get_run'],
    status: 200,
    body: String.raw`{
    "api_id": "36989807-a76f-4555-84d1-9dfdccca7a80",
    "phlo_id": "e564a84a-7910-4447-b16f-65c541dd552c",
    "run_id": "b7df01fd-1cb0-404e-a0d1-21e69a610e84",
    "call_uuids": ["11e4f82c-069c-49f9-9fcb-54c6633e2cdb"],
    "message_uuids": [],
    "recording_ids": []
}`,
    expected: {
      apiId: '36989807-a76f-4555-84d1-9dfdccca7a80',
      phloId: 'e564a84a-7910-4447-b16f-65c541dd552c',
      runId: 'b7df01fd-1cb0-404e-a0d1-21e69a610e84',
      callUuids: ['11e4f82c-069c-49f9-9fcb-54c6633e2cdb'],
      messageUuids: [],
      recordingIds: [],
    },
  },

  // ---- The vendor's Postman collection ----
  {
    source: 'Postman collection: Warm transfer a caller, response',
    operations: ['warm_transfer'],
    status: 200,
    body: '{\n "api_id": "faad0293-f5f0-487e-8ff7-b45ba6c45b25",\n "error": ""\n}',
    expected: { apiId: 'faad0293-f5f0-487e-8ff7-b45ba6c45b25' },
  },

  // ---- plivo-go (served with 200 by its tests) ----
  {
    source: 'plivo/plivo-go fixtures/phloGetResoponse.json',
    operations: ['get_phlo'],
    status: 200,
    body: String.raw`{
  "api_id":"52d7d3d4-9a47-44c9-8c08-436aac427220",
  "phlo_id":"2e802f94-cc03-4e35-b4c8-5a0328544135",
  "name":"multiparty+ucase1_test+flow",
  "created_on":"2018-11-20 04:46:20.307414+00:00",
  "BaseResource":"test"
}`,
    expected: {
      apiId: '52d7d3d4-9a47-44c9-8c08-436aac427220',
      phloId: '2e802f94-cc03-4e35-b4c8-5a0328544135',
      name: 'multiparty+ucase1_test+flow',
      createdOn: '2018-11-20 04:46:20.307414+00:00',
    },
  },
  {
    source: 'plivo/plivo-go fixtures/phloGetResoponse.json @ c4f443d',
    operations: ['get_phlo'],
    status: 200,
    body: String.raw`{
  "phlo_id":"2e802f94-cc03-4e35-b4c8-5a0328544135",
  "name":"multiparty+ucase1_test+flow",
  "created_on":"2018-11-20 04:46:20.307414+00:00",
  "BaseResource":"test"
}`,
    expected: { phloId: '2e802f94-cc03-4e35-b4c8-5a0328544135', name: 'multiparty+ucase1_test+flow', createdOn: '2018-11-20 04:46:20.307414+00:00' },
  },
  {
    source: 'plivo/plivo-go fixtures/phloRunResponse.json',
    operations: ['run_phlo'],
    status: 200,
    body: String.raw`{
  "api_id":"52d7d3d4-9a47-44c9-8c08-436aac427220",
  "phlo_run_id":"2e802f94-cc03-4e35-b4c8-5a0328544135",
  "phlo_id":"2e802f94-cc03-4e35-b4c8-5a0328544135",
  "message":"stopped. next node uuid not found for b'Start' - b'Start' with output state: http - phlo_run_id 52d7d3d4-9a47-44c9-8c08-436aac427220"
}`,
    expected: {
      apiId: '52d7d3d4-9a47-44c9-8c08-436aac427220',
      runId: '2e802f94-cc03-4e35-b4c8-5a0328544135',
      phloId: '2e802f94-cc03-4e35-b4c8-5a0328544135',
      message: "stopped. next node uuid not found for b'Start' - b'Start' with output state: http - phlo_run_id 52d7d3d4-9a47-44c9-8c08-436aac427220",
    },
  },
  {
    source: 'plivo/plivo-go fixtures/phloRunResponse.json @ c4f443d',
    operations: ['run_phlo'],
    status: 200,
    body: String.raw`{
  "api_id":"52d7d3d4-9a47-44c9-8c08-436aac427220",
  "phlo_run_id":"",
  "phlo_id":"2e802f94-cc03-4e35-b4c8-5a0328544135",
  "message":"stopped. next node uuid not found for b'Start' - b'Start' with output state: http - phlo_run_id 52d7d3d4-9a47-44c9-8c08-436aac427220"
}`,
    expected: {
      apiId: '52d7d3d4-9a47-44c9-8c08-436aac427220',
      runId: '52d7d3d4-9a47-44c9-8c08-436aac427220',
      phloId: '2e802f94-cc03-4e35-b4c8-5a0328544135',
      message: "stopped. next node uuid not found for b'Start' - b'Start' with output state: http - phlo_run_id 52d7d3d4-9a47-44c9-8c08-436aac427220",
    },
  },
  {
    source: 'plivo/plivo-go fixtures/nodeGetResponse.json',
    operations: ['get_multi_party_call'],
    status: 200,
    body: String.raw`{
  "api_id":"8ad6e47f-de2c-4b40-8e35-3b416d1b10e6",
  "node_id":"b18848dd-e308-4758-bc5c-fb9c274d5fb7",
  "phlo_id":"2e802f94-cc03-4e35-b4c8-5a0328544135",
  "name":"Multi-Party Call_1",
  "node_type":"multi_party_call",
  "created_on":"2018-11-20 04:46:20.349505+00:00"
}`,
    expected: {
      apiId: '8ad6e47f-de2c-4b40-8e35-3b416d1b10e6',
      nodeId: 'b18848dd-e308-4758-bc5c-fb9c274d5fb7',
      phloId: '2e802f94-cc03-4e35-b4c8-5a0328544135',
      name: 'Multi-Party Call_1',
      nodeType: 'multi_party_call',
      createdOn: '2018-11-20 04:46:20.349505+00:00',
    },
  },
  {
    source: 'plivo/plivo-go fixtures/nodeGetResponse.json @ c4f443d',
    operations: ['get_multi_party_call'],
    status: 200,
    body: String.raw`{
  "node_id":"b18848dd-e308-4758-bc5c-fb9c274d5fb7",
  "phlo_id":"2e802f94-cc03-4e35-b4c8-5a0328544135",
  "name":"Multi-Party Call_1",
  "node_type":"multi_party_call",
  "created_on":"2018-11-20 04:46:20.349505+00:00"
}`,
    expected: {
      nodeId: 'b18848dd-e308-4758-bc5c-fb9c274d5fb7',
      phloId: '2e802f94-cc03-4e35-b4c8-5a0328544135',
      name: 'Multi-Party Call_1',
      nodeType: 'multi_party_call',
      createdOn: '2018-11-20 04:46:20.349505+00:00',
    },
  },
  {
    // Go's field names, not PHLO's: no `api_id` to read.
    source: 'plivo/plivo-go fixtures/multiPartyCallCallResponse.json',
    operations: NODE_ACTIONS,
    status: 200,
    body: String.raw`{
  "ApiID":"7ebd8daa-d216-495a-ab94-7c71a776be28",
  "Error":""
}`,
    expected: {},
  },
  {
    source: 'plivo/plivo-go fixtures/multiPartyCallMemberActionResponse.json',
    operations: MEMBER_ACTIONS,
    status: 200,
    body: String.raw`{
  "ApiID":"43edda77-87eb-4fc2-9c73-cf346b6328a8",
  "Error":""
}`,
    expected: {},
  },

  // ---- plivo-ruby ----
  {
    source: 'plivo/plivo-ruby spec/mocks/phloGetResponse.json',
    operations: ['get_phlo'],
    status: 200,
    body: String.raw`{
  "api_id": "e564a84a-7910-4447-b16f-65c541dd552c",
  "phlo_id": "e564a84a-7910-4447-b16f-65c541dd552c",
  "name": "assignment_mpc",
  "created_on": "2018-11-03 19:32:33.210714+00:00"
}`,
    expected: {
      apiId: 'e564a84a-7910-4447-b16f-65c541dd552c',
      phloId: 'e564a84a-7910-4447-b16f-65c541dd552c',
      name: 'assignment_mpc',
      createdOn: '2018-11-03 19:32:33.210714+00:00',
    },
  },
  {
    source: 'plivo/plivo-ruby spec/mocks/phloRunResponse.json',
    operations: ['run_phlo'],
    status: 200,
    body: String.raw`{
  "api_id": "ff25223a-1c9f-11e4-80aa-12313f048015",
  "phlo_run_id": "ff25223a-1c9f-11e4-80aa-12313f048015",
  "phlo_id": "e564a84a-7910-4447-b16f-65c541dd552c",
  "resource_uri": "/Account/MAXXXXXXXXXXXXXXXXXX/Phlo/e564a84a-7910-4447-b16f-65c541dd552c/"
}`,
    expected: {
      apiId: 'ff25223a-1c9f-11e4-80aa-12313f048015',
      runId: 'ff25223a-1c9f-11e4-80aa-12313f048015',
      phloId: 'e564a84a-7910-4447-b16f-65c541dd552c',
    },
  },
  {
    source: 'plivo/plivo-ruby spec/mocks/multiPartyCallGetResponse.json',
    operations: ['get_multi_party_call'],
    status: 200,
    body: String.raw`{
  "api_id": "36989807-a76f-4555-84d1-9dfdccca7a80",
  "node_id": "36989807-a76f-4555-84d1-9dfdccca7a80",
  "phlo_id": "e564a84a-7910-4447-b16f-65c541dd552c",
  "name": "Multi-Party Call_1",
  "node_type": "multi_party_call",
  "created_on": "2018-11-03 19:32:33.240504+00:00"
}`,
    expected: {
      apiId: '36989807-a76f-4555-84d1-9dfdccca7a80',
      nodeId: '36989807-a76f-4555-84d1-9dfdccca7a80',
      phloId: 'e564a84a-7910-4447-b16f-65c541dd552c',
      name: 'Multi-Party Call_1',
      nodeType: 'multi_party_call',
      createdOn: '2018-11-03 19:32:33.240504+00:00',
    },
  },
  {
    source: 'plivo/plivo-ruby spec/mocks/multiPartyCallActionResponse.json',
    operations: NODE_ACTIONS,
    status: 201,
    body: String.raw`{
  "api_id": "36989807-a76f-4555-84d1-9dfdccca7a80",
  "node_id": "36989807-a76f-4555-84d1-9dfdccca7a80",
  "phlo_id": "e564a84a-7910-4447-b16f-65c541dd552c",
  "name": "Multi-Party Call_1",
  "node_type": "multi_party_call"
}`,
    expected: { apiId: '36989807-a76f-4555-84d1-9dfdccca7a80' },
  },
  {
    source: 'plivo/plivo-ruby spec/mocks/memberActionResponse.json',
    operations: MEMBER_ACTIONS,
    status: 201,
    body: String.raw`{
  "api_id": "36989807-a76f-4555-84d1-9dfdccca7a80",
  "node_id": "36989807-a76f-4555-84d1-9dfdccca7a80",
  "phlo_id": "e564a84a-7910-4447-b16f-65c541dd552c",
  "node_type": "multi_party_call",
  "member_address": "0000000000"
}`,
    expected: { apiId: '36989807-a76f-4555-84d1-9dfdccca7a80' },
  },

  // ---- plivo-java (served with 200 by its tests) ----
  {
    source: 'plivo/plivo-java src/test/resources/com/plivo/api/phloGetResponse.json',
    operations: ['get_phlo'],
    status: 200,
    body: String.raw`{
  "phlo_id": "a9f74ec4-2d3f-41d6-b8f0-f341fcfb59b6",
  "name": "Dynamic IVR_572ccc06d2b82",
  "created_on" : "2018-08-07 06:51:22.458072+00:00"
}`,
    expected: { phloId: 'a9f74ec4-2d3f-41d6-b8f0-f341fcfb59b6', name: 'Dynamic IVR_572ccc06d2b82', createdOn: '2018-08-07 06:51:22.458072+00:00' },
  },
  {
    // Not used by a Java test; served with the reference's documented 201.
    source: 'plivo/plivo-java src/test/resources/com/plivo/api/phloRunnerResponse.json',
    operations: ['run_phlo'],
    status: 201,
    body: String.raw`{
  "api_id": "a9f74ec4-2d3f-41d6-b8f0-f341fcfb59b6",
  "phlo_run_id": "a9f74ec4-2d3f-41d6-b8f0-f341fcfb59b6",
  "phlo_id": "a9f74ec4-2d3f-41d6-b8f0-f341fcfb59b6"
}`,
    expected: {
      apiId: 'a9f74ec4-2d3f-41d6-b8f0-f341fcfb59b6',
      runId: 'a9f74ec4-2d3f-41d6-b8f0-f341fcfb59b6',
      phloId: 'a9f74ec4-2d3f-41d6-b8f0-f341fcfb59b6',
    },
  },
  {
    source: 'plivo/plivo-java src/test/resources/com/plivo/api/multiPartyCallGetResponse.json',
    operations: ['get_multi_party_call'],
    status: 200,
    body: String.raw`{
  "phlo_id": "a9f74ec4-2d3f-41d6-b8f0-f341fcfb59b6",
  "node_id": "f4789ccf-25f5-4a1f-91a4-55ca022ba903",
  "node_type" : "multi_party_call",
  "name": "intermediate_node",
  "created_on" : "2018-08-07 06:51:22.458072+00:00"
}`,
    expected: {
      phloId: 'a9f74ec4-2d3f-41d6-b8f0-f341fcfb59b6',
      nodeId: 'f4789ccf-25f5-4a1f-91a4-55ca022ba903',
      nodeType: 'multi_party_call',
      name: 'intermediate_node',
      createdOn: '2018-08-07 06:51:22.458072+00:00',
    },
  },
  {
    source: 'plivo/plivo-java src/test/resources/com/plivo/api/multiPartyCallActionResponse.json',
    operations: ACTION_OPERATIONS,
    status: 200,
    body: String.raw`{
  "api_id": "97ceeb52-58b6-11e1-86da-77300b68f8bb",
  "errors": ""
}`,
    expected: { apiId: '97ceeb52-58b6-11e1-86da-77300b68f8bb' },
  },

  // ---- plivo-node (JavaScript objects in lib/rest/request-test.js, written here as JSON; no status
  // given, so the reference's) ----
  {
    source: 'plivo/plivo-node lib/rest/request-test.js: Get phlo details',
    operations: ['get_phlo'],
    status: 200,
    body: '{"api_id":"719d8763-f62c-4322-98e2-eed26b85ea8a","phlo_id":"sample-phlo-id","name":"mpc_test","created_on":"2018-11-14 04:41:31.827796+00:00"}',
    expected: { apiId: '719d8763-f62c-4322-98e2-eed26b85ea8a', phloId: 'sample-phlo-id', name: 'mpc_test', createdOn: '2018-11-14 04:41:31.827796+00:00' },
  },
  {
    source: 'plivo/plivo-node lib/rest/request-test.js: Run Phlo',
    operations: ['run_phlo'],
    status: 201,
    body: String.raw`{"phlo_id":"sample-phlo-id","api_id":"275c24f5-7d64-4130-9a4e-148438154549","message":"stopped. next node uuid not found for b'Start' - b'Start' with output state: http - phlo_run_id 275c24f5-7d64-4130-9a4e-148438154549"}`,
    expected: {
      apiId: '275c24f5-7d64-4130-9a4e-148438154549',
      runId: '275c24f5-7d64-4130-9a4e-148438154549',
      phloId: 'sample-phlo-id',
      message: "stopped. next node uuid not found for b'Start' - b'Start' with output state: http - phlo_run_id 275c24f5-7d64-4130-9a4e-148438154549",
    },
  },
  {
    source: 'plivo/plivo-node lib/rest/request-test.js: PHLO MULTI PARTY CALL (GET)',
    operations: ['get_multi_party_call'],
    status: 200,
    body: '{"api_id":"ea4811e0-b949-489b-8e4a-9dee03fada6e","node_id":"sample-mpc-id","phlo_id":"sample-phlo-id","name":"Multi-Party Call_2","node_type":"multi_party_call","created_on":"2018-12-04 03:22:20.763091+00:00"}',
    expected: {
      apiId: 'ea4811e0-b949-489b-8e4a-9dee03fada6e',
      nodeId: 'sample-mpc-id',
      phloId: 'sample-phlo-id',
      name: 'Multi-Party Call_2',
      nodeType: 'multi_party_call',
      createdOn: '2018-12-04 03:22:20.763091+00:00',
    },
  },
  {
    source: 'plivo/plivo-node lib/rest/request-test.js: PHLO MULTI PARTY CALL (POST)',
    operations: NODE_ACTIONS,
    status: 201,
    body: '{"api_id":"0c449a01-f34f-4e6e-940e-caea79ce58b2","error":""}',
    expected: { apiId: '0c449a01-f34f-4e6e-940e-caea79ce58b2' },
  },
  {
    source: 'plivo/plivo-node lib/rest/request-test.js: PHLO MULTI PARTY CALL Member Methods',
    operations: MEMBER_ACTIONS,
    status: 201,
    body: '{"api_id":"1304225e-294e-465f-af50-abf71a5903de","error":""}',
    expected: { apiId: '1304225e-294e-465f-af50-abf71a5903de' },
  },
];

/** The bodies that answer `operation`. */
export function bodiesFor(operation: PhloOperation): VendorBody[] {
  return VENDOR_BODIES.filter((b) => b.operations.includes(operation));
}

/** The Ruby and Java run answers: `phlo_run_id`, no `message`. */
export const RUBY_RUN = VENDOR_BODIES.find((b) => b.source === 'plivo/plivo-ruby spec/mocks/phloRunResponse.json') as VendorBody;
export const JAVA_RUN = VENDOR_BODIES.find((b) => b.source.endsWith('phloRunnerResponse.json')) as VendorBody;
/** Ruby's answer to a member action: no `error`, the member object instead. */
export const RUBY_MEMBER_ACTION = VENDOR_BODIES.find((b) => b.source === 'plivo/plivo-ruby spec/mocks/memberActionResponse.json') as VendorBody;
/** Java's answer to every action: `errors`, not `error`. */
export const JAVA_ACTION = VENDOR_BODIES.find((b) => b.source.endsWith('multiPartyCallActionResponse.json') && b.source.includes('java')) as VendorBody;
/** Go's answer to a member action: `ApiID`, so no `api_id` at all. */
export const GO_MEMBER_ACTION = VENDOR_BODIES.find((b) => b.source === 'plivo/plivo-go fixtures/multiPartyCallMemberActionResponse.json') as VendorBody;
