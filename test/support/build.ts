// `npm run build` when the built app is missing or older than its sources, for the tests and
// benchmarks that run the app as `npm start` does.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
/** What `npm run build` writes that a started app needs: the server and the sandbox page. */
const OUTPUTS = [join(ROOT, 'dist/src/main.js'), join(ROOT, 'dist/sandbox-web/app.js')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds unless every output is newer than every source (scripts/test.sh builds before the tests run). */
export function buildIfStale(): void {
  const built = OUTPUTS.every((f) => existsSync(f)) ? Math.min(...OUTPUTS.map((f) => statSync(f).mtimeMs)) : 0;
  if (built > newestMtime(join(ROOT, 'src'))) return;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}
