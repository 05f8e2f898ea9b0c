#!/usr/bin/env bash
# The whole test suite: type check, lint and layer check, then every vitest file. PostgreSQL is installed from
# Debian's packages if missing (scripts/pg.sh); vitest's global setup starts a throwaway
# cluster on a free port and removes it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/pg.sh install
bash scripts/chromium.sh
npm run typecheck --silent
# The linter (typescript-eslint, type-checked) and the layer checker (dependency-cruiser).
npm run lint --silent
npm run build --silent # the browser tests run the built app; building here keeps it out of the parallel run
mkdir -p .tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@" || status=$?
# One plain closing line with the counts, whatever the reporter printed above it.
node -e '
  const r = JSON.parse(require("node:fs").readFileSync(".tmp/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"
