// The simulator panel: every multiparty call node of the configuration as the PHLO simulator holds it
// (members, role, held, hung up, a transfer pending and who started it), and faults to inject.
import type { Config } from '../config/index.js';
import type { PhloSimulator, SimulatedPhlo } from '../plivo/simulator/index.js';
import type { CallNode } from './protocol.js';

export type { CallNode } from './protocol.js';

export type FaultKind = '404' | '500' | 'slow';

/** The PHLOs of the configuration, as the simulator should know them. */
export function simulatedPhlos(config: Config): SimulatedPhlo[] {
  return Object.entries(config.phlos).map(([alias, phlo]) => ({
    id: phlo.id,
    name: phlo.name ?? alias,
    nodes: Object.entries(phlo.nodes).map(([nodeAlias, id]) => ({ id, name: nodeAlias })),
  }));
}

export function callNodes(config: Config, phlo: PhloSimulator): CallNode[] {
  return Object.entries(config.phlos).flatMap(([alias, p]) =>
    Object.entries(p.nodes).map(([nodeAlias, nodeId]): CallNode => {
      const transfer = phlo.transfer(p.id, nodeId);
      return {
        phlo: alias,
        node: nodeAlias,
        name: `${p.name ?? alias} · ${nodeAlias}`,
        members: phlo.members(p.id, nodeId).map((m) => ({ address: m.address, role: m.role, held: m.held, state: m.state })),
        transfer: transfer === undefined ? undefined : { initiator: transfer.initiator, recipient: transfer.recipient },
      };
    }),
  );
}

/** Fails the next PHLO request the way the trainer picked. */
export function injectFault(phlo: PhloSimulator, kind: FaultKind): void {
  if (kind === 'slow') {
    // No answer at all: the app's PHLO timeout runs out and it must say the outcome is unknown.
    phlo.failNext('hang');
    return;
  }
  const status = kind === '404' ? 404 : 500;
  const error = kind === '404' ? 'resource not found' : 'internal server error';
  phlo.failNext({ status, body: { api_id: crypto.randomUUID(), error } });
}
