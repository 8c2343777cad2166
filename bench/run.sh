#!/bin/sh
# Runs the validation benchmark, pinned to core 1 when taskset exists (see README.md), and never
# for more than two minutes.
set -e
cd "$(dirname "$0")"
set -- node --expose-gc --conditions=@lssm/source --import tsx src/validation/main.ts
if command -v taskset >/dev/null 2>&1 && taskset -c 1 true 2>/dev/null; then
  set -- taskset -c 1 "$@"
else
  echo "taskset unavailable: running unpinned (expect more noise)"
fi
if command -v timeout >/dev/null 2>&1; then
  set -- timeout 120 "$@"
fi
exec "$@"
