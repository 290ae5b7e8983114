#!/usr/bin/env bash
# Debian's chromium for tests/test_web.py (Playwright drives /usr/bin/chromium; no browser download).
# Best effort: the browser tests skip cleanly when it is absent.
set -u
[ -x /usr/bin/chromium ] && { echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null)"; exit 0; }
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install_chromium: needs root and apt-get; tests/test_web.py will skip"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium >/dev/null \
  && echo "install_chromium: installed $(/usr/bin/chromium --version 2>/dev/null)" \
  || echo "install_chromium: could not install chromium; tests/test_web.py will skip"
