export { startPhloSimulator } from './server.js';
export type { FaultOptions, PhloSimulator, PhloSimulatorOptions, RecordedRequest, SimulatedFault } from './server.js';
export type { MemberRole, MemberState, SimulatedMember, SimulatedPhlo, SimulatedTransfer } from './state.js';
export { UNAUTHORIZED_TEXT } from './routes.js';
