// Vitest globalSetup: installs PostgreSQL if it is missing and starts a throwaway server for this run,
// so the PostgreSQL tests run everywhere (CI is a fresh machine) instead of being skipped.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://postgres@127.0.0.1:PORT/postgres`: a superuser on a server private to this test run */
    postgresUrl: string;
  }
}

const PG_SH = fileURLToPath(new URL('../../scripts/pg.sh', import.meta.url));

/** Runs `scripts/pg.sh ARGS`; its progress goes to our stderr, its stdout is returned. */
function pgSh(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [PG_SH, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout.trim());
      else reject(new Error(`scripts/pg.sh ${args.join(' ')} exited with ${String(code)}`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await pgSh('install');
  // pg.sh hands this directory to the postgres user; /tmp itself lets that user reach it.
  const dir = await mkdtemp(join(tmpdir(), 'phlo-bot-pg-'));
  let url: string;
  try {
    url = await pgSh('start', dir);
  } catch (error) {
    await pgSh('stop', dir).catch(() => rm(dir, { recursive: true, force: true }));
    throw error;
  }
  project.provide('postgresUrl', url);
  return async () => {
    await pgSh('stop', dir);
  };
}
