/** The PHLO success bodies plivo-java's and plivo-node's tests serve. */
import { ACTION_OPERATIONS, MEMBER_ACTIONS, NODE_ACTIONS, type VendorBody } from './types.js';

export const JAVA_AND_NODE_BODIES: readonly VendorBody[] = [
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
