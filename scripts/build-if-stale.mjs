// `npm start` builds only when dist/ is missing or older than what it is built from, so a restart
// does not spend seconds compiling, and a tree built once (CI, an image) starts without the compiler.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outputs = ['dist/src/main.js', 'dist/sandbox-web/app.js'];
const inputs = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.web.json'];

/** Newest modification time under `path`, or 0 when it does not exist. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

function oldestOutput() {
  let oldest = Infinity;
  for (const output of outputs) {
    try {
      oldest = Math.min(oldest, statSync(join(root, output)).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest;
}

const built = oldestOutput();
const source = Math.max(...inputs.map((input) => newest(join(root, input))));
if (built > source) process.exit(0);
process.stderr.write(built === 0 ? 'phlo-bot: building dist/ (first start)\n' : 'phlo-bot: sources changed since the last build; building dist/\n');
const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
