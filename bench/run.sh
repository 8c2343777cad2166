#!/bin/sh
# Runs every benchmark, pinned to core 1 when taskset exists (see README.md), each bounded in time.
#  - validation: @lssm/lib.schema against its peers, on the TypeScript source.
#  - pipeline:   @lssm/lib.contracts `execute` overhead, on the built packages (as apps run them).
#  - http:       our REST, GraphQL and MCP node adapters against bare node:http and their peers, on
#                the built packages; each server in its own process on core 0 (main.ts pins it), load
#                on core 1. It stops measuring at 200 s by itself, so it gets a longer limit.
set -e
cd "$(dirname "$0")"
pin=""
if command -v taskset >/dev/null 2>&1 && taskset -c 1 true 2>/dev/null; then
  pin="taskset -c 1"
else
  echo "taskset unavailable: running unpinned (expect more noise)"
fi
limit=""
http_limit=""
if command -v timeout >/dev/null 2>&1; then limit="timeout 120"; http_limit="timeout 240"; fi

echo "== validation"
$limit $pin node --expose-gc --conditions=@lssm/source --import tsx src/validation/main.ts

echo "== pipeline (building the packages first)"
npm run build --prefix .. --silent
$limit $pin node --expose-gc --import tsx src/pipeline/main.ts

echo "== http (servers on core 0, autocannon on core 1)"
$http_limit $pin node --import tsx src/http/main.ts
