// The configuration the sandbox uses when there is no phlo-bot.yml: enough to try every command and role.
// It is plain YAML in the format of phlo-bot.example.yml, validated like any configuration file.
export const DEMO_CONFIG_YAML = `
phlos:
  support:
    id: 4c1a9f23-7f56-4879-bb80-db856e1e7701
    name: Support line
    nodes:
      queue: b4b48fc2-f47a-4a93-97c3-749ed9a40fa8
      vip: 0f6f7a4e-3b0a-4c8e-9d63-2a1f0c3b5e11
    default_node: queue
  sales:
    id: 9e3c7d1a-5b2f-4c6e-8a9d-1f2e3d4c5b6a
    name: Sales line
    nodes:
      floor: 6d2b1c8e-4f3a-4e5d-9b7c-8a1f2e3d4c5b
channels:
  C0SUPPORT: { phlo: support, node: queue }
  C0SALES: { phlo: sales, node: floor }
roles:
  viewer: [status, history]
  agent: [status, history, call, transfer, hold, unhold, hangup, resume, abort, voicemail]
  supervisor: ["*"]
# An agent's hang-up waits in the call's thread for a supervisor's Approve or Reject.
approvals:
  hangup: [supervisor]
approval_timeout_minutes: 15
users:
  U0ALICE: { role: agent, address: "+14155550100" }
  U0BOB: { role: supervisor, address: "sip:bob@phone.plivo.com" }
  U0VIC: { role: viewer, address: "+14155550199" }
`;

/** Names for the demo's ids, as a workspace would show them. */
export const DEMO_NAMES = {
  users: {
    U0ALICE: { name: 'alice', realName: 'Alice Agent' },
    U0BOB: { name: 'bob', realName: 'Bob Supervisor' },
    U0VIC: { name: 'vic', realName: 'Vic Viewer' },
  },
  channels: { C0SUPPORT: 'support', C0SALES: 'sales' },
} as const;
