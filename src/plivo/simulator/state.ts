/**
 * What the simulated PHLO remembers: PHLOs and their multiparty call nodes, the members of each call,
 * a pending warm transfer per node, and runs. Knows nothing of HTTP: every action answers an Outcome
 * whose failure carries the status and `error` text PHLO would send.
 */
import { randomUUID } from 'node:crypto';
import { addressKey, sameAddress } from './address.js';

export interface SimulatedPhlo {
  id: string;
  name: string;
  nodes: { id: string; name: string }[];
  /** If set, runs still answer 201 but with this message, as PHLO does when the flow then fails. */
  runFails?: string;
}

export type MemberRole = 'agent' | 'customer';
export type MemberState = 'connected' | 'hung_up' | 'voicemail';

export interface SimulatedMember {
  address: string;
  role: MemberRole;
  held: boolean;
  state: MemberState;
  /** The trigger_source that brought this member in. */
  joinedBy?: string;
}

export interface SimulatedTransfer {
  initiator: string;
  recipient: string;
  mode: 'warm';
}

export interface SimulatedRun {
  runId: string;
  phloId: string;
  payload: Record<string, unknown>;
  callUuids: string[];
  messageUuids: string[];
  recordingIds: string[];
}

export interface NodeRecord {
  id: string;
  name: string;
  createdOn: string;
  /** Keyed by addressKey, so both spellings of a number find the same member. */
  members: Map<string, SimulatedMember>;
  transfer: SimulatedTransfer | undefined;
}

export interface PhloRecord {
  id: string;
  name: string;
  createdOn: string;
  runFails: string | undefined;
  nodes: Map<string, NodeRecord>;
  runs: Map<string, SimulatedRun>;
}

export type Outcome = { ok: true } | { ok: false; status: 400 | 404; error: string };

export interface CallRequest {
  action: 'call' | 'warm_transfer' | 'cold_transfer';
  to: string;
  role: MemberRole;
  triggerSource: string;
}

export type MemberActionName = 'hold' | 'unhold' | 'hangup' | 'resume_call' | 'abort_transfer' | 'voicemail_drop';

const OK: Outcome = { ok: true };
const bad = (error: string): Outcome => ({ ok: false, status: 400, error });
const notFound = (error: string): Outcome => ({ ok: false, status: 404, error });

/** PHLO's timestamp format: `2021-01-30 09:20:08.617883+00:00`. */
function phloTimestamp(date: Date): string {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')}000+00:00`;
}

export class SimulatorState {
  private readonly phlos = new Map<string, PhloRecord>();

  constructor(phlos: readonly SimulatedPhlo[]) {
    for (const phlo of phlos) this.addPhlo(phlo);
  }

  /** Adds or replaces a PHLO definition (with empty calls and no runs). */
  addPhlo(phlo: SimulatedPhlo): void {
    const createdOn = phloTimestamp(new Date());
    const nodes = new Map<string, NodeRecord>();
    for (const node of phlo.nodes) {
      nodes.set(node.id, { id: node.id, name: node.name, createdOn, members: new Map(), transfer: undefined });
    }
    this.phlos.set(phlo.id, { id: phlo.id, name: phlo.name, createdOn, runFails: phlo.runFails, nodes, runs: new Map() });
  }

  phlo(phloId: string): PhloRecord | undefined {
    return this.phlos.get(phloId);
  }

  node(phloId: string, nodeId: string): NodeRecord | undefined {
    return this.phlos.get(phloId)?.nodes.get(nodeId);
  }

  /** Forgets calls, transfers and runs; PHLO definitions are configuration and stay. */
  clear(): void {
    for (const phlo of this.phlos.values()) {
      phlo.runs.clear();
      for (const node of phlo.nodes.values()) {
        node.members.clear();
        node.transfer = undefined;
      }
    }
  }

  startRun(phlo: PhloRecord, payload: Record<string, unknown>): SimulatedRun {
    const run: SimulatedRun = {
      runId: randomUUID(),
      phloId: phlo.id,
      payload,
      callUuids: [randomUUID()],
      messageUuids: [],
      recordingIds: [],
    };
    phlo.runs.set(run.runId, run);
    return run;
  }

  members(phloId: string, nodeId: string): SimulatedMember[] {
    const node = this.node(phloId, nodeId);
    return node === undefined ? [] : [...node.members.values()].map((member) => ({ ...member }));
  }

  transfer(phloId: string, nodeId: string): SimulatedTransfer | undefined {
    const transfer = this.node(phloId, nodeId)?.transfer;
    return transfer === undefined ? undefined : { ...transfer };
  }

  runs(phloId: string): { runId: string; payload: Record<string, unknown> }[] {
    const phlo = this.phlos.get(phloId);
    return phlo === undefined ? [] : [...phlo.runs.values()].map((run) => ({ runId: run.runId, payload: { ...run.payload } }));
  }

  /** call, warm_transfer and cold_transfer: each dials `to` into the call. */
  callAction(node: NodeRecord, request: CallRequest): Outcome {
    const existing = node.members.get(addressKey(request.to));
    if (existing?.state === 'connected') return bad(`${request.to} is already on the call`);
    if (request.action === 'warm_transfer' && node.transfer !== undefined) {
      return bad('a transfer is already in progress');
    }
    node.members.set(addressKey(request.to), {
      address: existing?.address ?? request.to,
      role: request.role,
      held: false,
      state: 'connected',
      joinedBy: request.triggerSource,
    });
    if (request.action === 'warm_transfer') {
      node.transfer = { initiator: request.triggerSource, recipient: request.to, mode: 'warm' };
    }
    if (request.action === 'cold_transfer') {
      // The agent who hands the call over leaves it at once.
      const initiator = node.members.get(addressKey(request.triggerSource));
      if (initiator?.state === 'connected') {
        initiator.state = 'hung_up';
        initiator.held = false;
      }
    }
    return OK;
  }

  /** A member action the simulator was told to accept beyond PHLO's: the member must be on the call. */
  otherMemberAction(node: NodeRecord, address: string): Outcome {
    const member = node.members.get(addressKey(address));
    if (member === undefined) return notFound(`member ${address} not found in this multiparty call`);
    if (member.state !== 'connected') return notFound(`member ${address} is no longer on the call`);
    return OK;
  }

  memberAction(node: NodeRecord, address: string, action: MemberActionName): Outcome {
    switch (action) {
      case 'hold':
      case 'unhold':
      case 'hangup': {
        const member = node.members.get(addressKey(address));
        if (member === undefined) return notFound(`member ${address} not found in this multiparty call`);
        if (member.state !== 'connected') return notFound(`member ${address} is no longer on the call`);
        if (action === 'hangup') {
          member.state = 'hung_up';
          member.held = false;
          this.endTransferOf(node, address);
        } else {
          member.held = action === 'hold';
        }
        return OK;
      }
      case 'voicemail_drop': {
        const member = node.members.get(addressKey(address));
        if (member === undefined) return notFound(`member ${address} not found in this multiparty call`);
        member.state = 'voicemail';
        member.held = false;
        return OK;
      }
      case 'resume_call': {
        const transfer = node.transfer;
        if (transfer === undefined) return bad('no transfer in progress');
        if (!sameAddress(address, transfer.initiator) && !sameAddress(address, transfer.recipient)) {
          return bad('only the initiator or the recipient of the transfer may resume the call');
        }
        node.transfer = undefined;
        return OK;
      }
      case 'abort_transfer': {
        const transfer = node.transfer;
        if (transfer === undefined) return bad('no transfer in progress');
        if (!sameAddress(address, transfer.initiator)) return bad('only the initiator of the transfer may abort it');
        node.transfer = undefined;
        const recipient = node.members.get(addressKey(transfer.recipient));
        if (recipient?.state === 'connected') {
          recipient.state = 'hung_up';
          recipient.held = false;
        }
        return OK;
      }
    }
  }

  // A warm transfer cannot go on without one of its two parties.
  private endTransferOf(node: NodeRecord, address: string): void {
    const transfer = node.transfer;
    if (transfer !== undefined && (sameAddress(address, transfer.initiator) || sameAddress(address, transfer.recipient))) {
      node.transfer = undefined;
    }
  }
}
