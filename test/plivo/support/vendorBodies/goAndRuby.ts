/** The PHLO success bodies plivo-go's and plivo-ruby's tests serve. */
import { MEMBER_ACTIONS, NODE_ACTIONS, type VendorBody } from './types.js';

export const GO_AND_RUBY_BODIES: readonly VendorBody[] = [
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
];
