/**
 * Standalone PHLO simulator for the sandbox and benchmarks:
 *   node dist/src/plivo/simulator/cli.js --port 4010 --auth-id X --auth-token Y
 * It takes everything from argv (no environment variables) and serves one demo PHLO.
 */
import { parseArgs } from 'node:util';
import { startPhloSimulator } from './server.js';

const DEMO_PHLO = {
  id: '4c1a9f23-7f56-4879-bb80-db856e1e7701',
  name: 'Support line',
  nodes: [{ id: 'b4b48fc2-f47a-4a93-97c3-749ed9a40fa8', name: 'Support queue' }],
};

const USAGE = 'usage: phlo-simulator --auth-id ID --auth-token TOKEN [--port 4010] [--host 127.0.0.1]';

function fail(problem: string): never {
  process.stderr.write(`${problem}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string | undefined; host?: string | undefined; 'auth-id'?: string | undefined; 'auth-token'?: string | undefined };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        'auth-id': { type: 'string' },
        'auth-token': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const authId = values['auth-id'];
  const authToken = values['auth-token'];
  if (authId === undefined || authId === '') fail('--auth-id is required');
  if (authToken === undefined || authToken === '') fail('--auth-token is required');
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port ?? '') || port > 65535) fail(`--port must be a port number, not ${JSON.stringify(values.port)}`);

  const simulator = await startPhloSimulator({ authId, authToken, phlos: [DEMO_PHLO], host: values.host, port });
  process.stdout.write(`PHLO simulator listening on ${simulator.url}\n`);
  process.stdout.write(`demo PHLO ${DEMO_PHLO.id}, multiparty call node ${DEMO_PHLO.nodes[0]?.id ?? ''}\n`);
  const stop = (): void => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`PHLO simulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
