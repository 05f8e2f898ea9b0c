#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, so no test depends on a server someone left running.
#
#   scripts/pg.sh install     install Debian's PostgreSQL server if its binaries are missing (idempotent)
#   scripts/pg.sh start DIR   create a cluster in DIR, start it on 127.0.0.1:<free port>, print its URL
#   scripts/pg.sh stop DIR    stop that cluster and remove DIR
#
# Only the URL goes to stdout; everything else goes to stderr, so `url=$(scripts/pg.sh start DIR)` works.
set -euo pipefail

MARKER=.phlo-bot-pg # written into DIR by `start`, so `stop` never removes a directory it didn't make

log() { printf 'pg.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# The newest Debian server binaries, or a server on PATH (a developer's own install).
pg_bindir() {
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/pg_ctl" && -x "$dir/initdb" ]]; then
    printf '%s\n' "$dir"
  elif command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  fi
}

cmd_install() {
  if compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; then
    return 0
  fi
  [[ $(id -u) -eq 0 ]] || die "PostgreSQL server binaries are missing and installing them needs root: apt-get install postgresql"
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || die "apt-get installed postgresql but no pg_ctl under /usr/lib/postgresql"
}

free_port() {
  # Bind port 0 and report what the kernel chose; a race with another process is retried by `start`.
  if command -v node >/dev/null 2>&1; then
    node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();})"
  else
    python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1]);s.close()"
  fi
}

# Runs a command as the cluster's owner: initdb and postgres refuse to run as root.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cmd_start() {
  local dir=${1:?usage: pg.sh start DIR}
  local bin
  bin=$(pg_bindir)
  [[ -n "$bin" ]] || die "no PostgreSQL server binaries found; run: scripts/pg.sh install"

  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty"
  touch "$dir/$MARKER" # first, so that `stop` can clean up after any failure below
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown -R postgres: "$dir"
    runuser -u postgres -- test -w "$dir" || die "user postgres cannot reach $dir (is a parent directory private to root?)"
  fi

  as_owner "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C -A trust --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  # Trust is safe only because nothing but loopback and the private socket can reach this server.
  as_owner tee "$dir/data/pg_hba.conf" >/dev/null <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA

  local attempt port
  for attempt in 1 2 3; do
    port=$(free_port)
    # Durability is pointless for a throwaway cluster; turning it off makes the tests much faster.
    as_owner tee "$dir/data/postgresql.auto.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
      printf 'postgres://postgres@127.0.0.1:%s/postgres\n' "$port"
      return 0
    fi
    log "start on port $port failed (attempt $attempt)"
    tail -n 5 "$dir/server.log" >&2 || true
  done
  die "could not start PostgreSQL in $dir; see $dir/server.log"
}

cmd_stop() {
  local dir=${1:?usage: pg.sh stop DIR}
  [[ -d "$dir" ]] || return 0
  [[ -e "$dir/$MARKER" ]] || die "$dir was not made by pg.sh start; not removing it"
  local bin
  bin=$(pg_bindir)
  if [[ -n "$bin" && -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || log "pg_ctl stop failed; removing $dir anyway"
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  *) die "usage: pg.sh install | start DIR | stop DIR" ;;
esac
