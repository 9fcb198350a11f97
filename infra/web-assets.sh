#!/usr/bin/env bash
# Re-copies the browser assets the web app serves itself (src/Rag.Web/wwwroot/lib) from npm, at the versions pinned in
# src/Rag.Web/package.json + package-lock.json. The copies are committed: building the app never needs npm or a network.
#   infra/web-assets.sh        (needs npm and access to its registry)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$here/src/Rag.Web"
lib="$web/wwwroot/lib"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp "$web/package.json" "$web/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --silent)
modules="$work/node_modules"

rm -rf "$lib/bootstrap" "$lib/bootstrap-icons"
mkdir -p "$lib/bootstrap/css" "$lib/bootstrap/js" "$lib/bootstrap-icons/font/fonts"
cp "$modules/bootstrap/dist/css/bootstrap.min.css" "$lib/bootstrap/css/"
cp "$modules/bootstrap/dist/js/bootstrap.bundle.min.js" "$lib/bootstrap/js/"
cp "$modules/bootstrap/LICENSE" "$lib/bootstrap/LICENSE"
cp "$modules/bootstrap-icons/font/bootstrap-icons.min.css" "$lib/bootstrap-icons/font/"
cp "$modules/bootstrap-icons/font/fonts/bootstrap-icons.woff2" "$modules/bootstrap-icons/font/fonts/bootstrap-icons.woff" "$lib/bootstrap-icons/font/fonts/"
cp "$modules/bootstrap-icons/LICENSE" "$lib/bootstrap-icons/LICENSE"
# The minified files end with a sourceMappingURL comment; the maps are not shipped, so the browser would ask for a
# missing file (a 404 in the developer tools, never a foreign request). Strip the comment.
sed -i -e '/sourceMappingURL=/d' "$lib/bootstrap/css/bootstrap.min.css" "$lib/bootstrap/js/bootstrap.bundle.min.js"
echo "Copied bootstrap $(node -p "require('$modules/bootstrap/package.json').version") and bootstrap-icons $(node -p "require('$modules/bootstrap-icons/package.json').version") into $lib"
