#!/usr/bin/env bash
# The whole test suite: type check, then every vitest file. PostgreSQL is installed from
# Debian's packages if missing (scripts/pg.sh); vitest's global setup starts a throwaway
# cluster on a free port and removes it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/pg.sh install
npx tsc -p tsconfig.json --noEmit
npx vitest run "$@"
