import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs both from src/ (tests) and from dist/src/ (npm start): walk up to the package.json.
function findPackageJson(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found');
    dir = parent;
  }
  return join(dir, 'package.json');
}

const pkg = JSON.parse(readFileSync(findPackageJson(dirname(fileURLToPath(import.meta.url))), 'utf8')) as {
  version: string;
};

export const VERSION: string = pkg.version;
export const USER_AGENT = `phlo-bot/${VERSION}`;
