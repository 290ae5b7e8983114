#!/usr/bin/env bash
# Install Debian's chromium (Playwright tests) and postgresql (server-mode tests) when missing.
# Best effort: the tests that need them skip cleanly if this fails.
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install_system_deps: skipping ${need[*]} (needs root and apt-get)"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  && echo "install_system_deps: installed ${need[*]}" \
  || echo "install_system_deps: could not install ${need[*]}"
