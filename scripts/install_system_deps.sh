#!/usr/bin/env bash
# System packages for the server-mode tests (best effort; those tests skip without them).
here="$(dirname "$0")"
"$here/install_chromium.sh"
"$here/install_postgres.sh"
