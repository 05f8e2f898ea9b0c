// The page's HTML shell and its bundle (built by `npm run build` into dist/sandbox-web). Nothing is
// fetched from elsewhere at run time.
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** A file of this package, whether running from dist/ or from the sources under tsx. */
export function packageFile(...path: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, ...path);
}

function assetDir(): string {
  return packageFile('dist', 'sandbox-web');
}

export function serveAsset(name: string, res: ServerResponse): void {
  const type = TYPES[name];
  const file = join(assetDir(), name);
  if (type === undefined || !existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${name} is not built: run npm run build`);
    return;
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
  res.end(readFileSync(file));
}

export function pageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>phlo-bot sandbox</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/sandbox/assets/app.css">
</head>
<body>
<div id="app"><p class="boot">Loading the sandbox…</p></div>
<script type="module" src="/sandbox/assets/app.js"></script>
</body>
</html>
`;
}
