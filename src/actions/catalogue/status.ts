/** `/phlo status`: the PHLO, and with `--node` the PHLO and its multiparty call node. */
import type { PhloClient } from '../../plivo/index.js';
import type { PhloTarget } from '../../config/index.js';
import { grammar, known, nodeOf, NoInput } from './shared.js';
import type { ActionSpec, PhloAnswer } from './types.js';

const STATUS_GRAMMAR = grammar({
  verb: 'status',
  positionals: [{ name: 'phlo', kind: 'word', required: false }],
  flags: { node: { kind: 'word', meta: 'N' } },
  whenMissing: 'refuse',
  summary: 'Shows the PHLO, and with a node the PHLO and its multiparty call node. Both default to this channel’s.',
  examples: ['/phlo status', '/phlo status support', '/phlo status support --node queue'],
  action: (values) => (values.node === undefined ? 'phlo_status' : 'node_status'),
});

async function phloFacts(client: PhloClient, phlo: PhloTarget): Promise<{ answer: PhloAnswer; facts: [string, string][] }> {
  const found = await client.getPhlo(phlo.id);
  const facts = known([
    ['PHLO', found.name],
    ['id', found.phloId ?? phlo.id],
    ['created', found.createdOn],
  ]);
  return { answer: { apiId: found.apiId, status: found.status, facts }, facts };
}

export const phloStatus = {
  name: 'phlo_status',
  grammar: STATUS_GRAMMAR,
  permission: 'status',
  scope: 'phlo',
  kind: 'read',
  input: NoInput,
  words: { label: 'PHLO status', phrase: () => ({ done: 'looked up the PHLO', todo: 'look up the PHLO' }) },
  perform: async (client, { phlo }) => (await phloFacts(client, phlo)).answer,
  next: () => [],
} satisfies ActionSpec<typeof NoInput>;

export const nodeStatus = {
  name: 'node_status',
  grammar: STATUS_GRAMMAR,
  permission: 'status',
  scope: 'node',
  kind: 'read',
  input: NoInput,
  words: {
    label: 'Node status',
    phrase: () => ({ done: 'looked up the PHLO and its multiparty call node', todo: 'look up the PHLO and its multiparty call node' }),
  },
  // Two reads, one answer: the node is only meaningful with the PHLO it belongs to.
  perform: async (client, request) => {
    const { facts: phloFactList } = await phloFacts(client, request.phlo);
    const node = await client.getMultiPartyCall(request.phlo.id, nodeOf(request));
    return {
      apiId: node.apiId,
      status: node.status,
      facts: [
        ...phloFactList.map(([label, value]): [string, string] => [label === 'id' ? 'PHLO id' : label === 'created' ? 'PHLO created' : label, value]),
        ...known([
          ['node', node.name],
          ['type', node.nodeType],
          ['node id', node.nodeId ?? nodeOf(request)],
          ['node created', node.createdOn],
        ]),
      ],
    };
  },
  next: () => [],
} satisfies ActionSpec<typeof NoInput>;
