/** The success bodies of the vendor's PHLO API reference (every Response example and example object) and of its Postman collection. */
import { MEMBER_ACTIONS, type VendorBody } from './types.js';
import type { PhloOperation } from '../../../../src/plivo/index.js';

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

export const REFERENCE_BODIES: readonly VendorBody[] = [
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
];
