// Preloaded into an app process (startAppProcess's `preload`): as the process exits, one stderr line
// naming every CommonJS package it loaded, so a test can tell which drivers a start pulled in.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const LOADED_PACKAGES_PREFIX = 'loaded packages: ';

process.on('exit', () => {
  const packages = new Set<string>();
  for (const file of Object.keys(require.cache)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file)?.[1];
    if (name !== undefined) packages.add(name);
  }
  // Writes to a pipe are synchronous on Linux: the line is out before the process is.
  process.stderr.write(`${LOADED_PACKAGES_PREFIX}${JSON.stringify([...packages].sort())}\n`);
});
