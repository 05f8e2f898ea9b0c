/**
 * `npm run bench`: every suite in bench/suites, one process each, then one table of every figure with
 * its target. `BENCH_ONLY=burst,phloClient` runs some of them. See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIGURES_TAG, printTable, type Figure } from './lib/report.js';

const here = new URL('.', import.meta.url).pathname;
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter((s) => s !== '');

function suites(): string[] {
  return readdirSync(join(here, 'suites'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .filter((name) => only === undefined || only.includes(name))
    .sort();
}

function runOne(name: string): Promise<{ figures: Figure[]; ok: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, 'suites', `${name}.ts`)], {
      env: { ...process.env, BENCH_RUNNER: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const figures: Figure[] = [];
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.startsWith(FIGURES_TAG)) figures.push(...(JSON.parse(line.slice(FIGURES_TAG.length)) as Figure[]));
        else process.stdout.write(`[${name}] ${line}\n`);
        nl = pending.indexOf('\n');
      }
    });
    // A suite that ends without handing its figures back failed, whatever its exit code says: a
    // process whose event loop emptied mid-run (a wait nothing kept alive) exits 0.
    child.on('close', (code) => { resolve({ figures, ok: code === 0 && figures.length > 0 }); });
  });
}

const all: Figure[] = [];
const failed: string[] = [];
for (const name of suites()) {
  process.stdout.write(`\n# ${name}\n`);
  const { figures, ok } = await runOne(name);
  all.push(...figures);
  if (!ok) failed.push(name);
}
printTable(all);
const misses = all.filter((f) => f.met === false).length;
process.stdout.write(`\n${all.length} figures, ${misses} targets missed${failed.length > 0 ? `; suites failed: ${failed.join(', ')}` : ''}\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
