#!/usr/bin/env bash
# Debian's Chromium for the browser tests (test/sandbox), installed if missing, like PostgreSQL in
# scripts/pg.sh. playwright-core drives it; no browser is ever downloaded. The emoji font lets the
# screenshots show the emoji phlo-bot's messages use.
set -euo pipefail

log() { printf 'chromium.sh: %s\n' "$*" >&2; }

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  log "/usr/bin/chromium is missing and installing it needs root: apt-get install chromium fonts-noto-color-emoji"
  exit 1
fi
log "installing Chromium from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends chromium fonts-noto-color-emoji >&2
[[ -x /usr/bin/chromium ]] || { log "apt-get installed chromium but /usr/bin/chromium is missing"; exit 1; }
