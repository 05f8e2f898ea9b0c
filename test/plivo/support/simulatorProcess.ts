/**
 * The child side of simulatorElsewhere.ts: the PHLO simulator in a process of its own, so it answers
 * while the test's event loop is blocked. Each time it has answered more requests it writes the count
 * to the file named in argv, which the blocked test can read synchronously.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { startPhloSimulator } from '../../../src/plivo/simulator/index.js';
import { AUTH_ID, AUTH_TOKEN, DEMO_PHLO } from './fixtures.js';

const countFile = process.argv[2];
if (countFile === undefined) throw new Error('usage: simulatorProcess.ts <count file>');
const sim = await startPhloSimulator({ authId: AUTH_ID, authToken: AUTH_TOKEN, phlos: [DEMO_PHLO] });
// With no latency the simulator records a request and answers it in the same turn of its loop, so a
// recorded request is an answered one by the time this runs.
let written = -1;
setInterval(() => {
  if (sim.requests.length === written) return;
  written = sim.requests.length;
  // Written beside and renamed over: a reader never sees a half-written file.
  writeFileSync(`${countFile}.new`, String(written));
  renameSync(`${countFile}.new`, countFile);
}, 2);
process.send?.({ url: sim.url });
process.on('disconnect', () => { process.exit(0); });
