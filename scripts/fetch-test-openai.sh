#!/usr/bin/env bash
# Fetches the official OpenAI Node SDK (npm pack, the ordinary client) for the serve tests, which
# drive brandtune serve with it as a real client would. It has no runtime dependencies, so the
# unpacked package is all node needs: DEST/node_modules/openai. Kept when already there; npm's own
# cache makes a rerun work offline.
set -euo pipefail
dest=${1:?usage: fetch-test-openai.sh DEST}
version=5.23.2
out="$dest/node_modules/openai"
[ -s "$out/package.json" ] && grep -q "\"version\": \"$version\"" "$out/package.json" && exit 0
command -v npm >/dev/null || { echo "npm is needed to fetch openai@$version" >&2; exit 1; }
tmp=$(mktemp -d)
(cd "$tmp" && npm pack --silent --prefer-offline "openai@$version" >/dev/null)
mkdir -p "$tmp/x"
tar -xzf "$tmp"/*.tgz -C "$tmp/x"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$tmp/x/package" "$out"
rm -rf "$tmp"
echo "fetched openai@$version -> $out"
