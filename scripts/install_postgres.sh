#!/usr/bin/env bash
# Debian's PostgreSQL server binaries (initdb, pg_ctl under /usr/lib/postgresql/*/bin) for
# tests/test_postgres.py, which starts its own throwaway cluster as the postgres user.
# The package's default cluster is not needed; it is stopped if the install started it.
# Best effort: the PostgreSQL tests skip cleanly when it is absent.
set -u
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then echo "postgresql present"; exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install_postgres: needs root and apt-get; tests/test_postgres.py will skip"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends postgresql >/dev/null; then
  command -v pg_ctlcluster >/dev/null && for c in /etc/postgresql/*/main; do
    [ -d "$c" ] && pg_ctlcluster "$(basename "$(dirname "$c")")" main stop 2>/dev/null; done
  echo "install_postgres: installed $(ls -d /usr/lib/postgresql/*/bin | head -1)"
else
  echo "install_postgres: could not install postgresql; tests/test_postgres.py will skip"
fi
