#!/bin/sh
# Runs every benchmark, pinned to core 1 when taskset exists (see README.md), each bounded in time,
# then writes BENCHMARKS.md from the results files. About 10 to 12 minutes on two cores.
#  - validation: @lssm/lib.schema against its peers, on the TypeScript source.
#  - pipeline:   @lssm/lib.contracts `execute` overhead, on the built packages (as apps run them).
#  - http:       our REST, GraphQL and MCP node adapters against bare node:http and their peers, on
#                the built packages; each server in its own process on core 0, load on core 1, in
#                rounds. It stops starting rounds after BENCH_HTTP_BUDGET (300 s) by itself.
#  - growth, typecheck, durable: src/<part>/main.ts, each run when it exists (skipped once the
#                whole run has taken BENCH_SOFT_LIMIT seconds, 600 by default).
#  - report:     BENCHMARKS.md from every bench/results/<part>.json present.
# BENCH_PARTS="http report" runs only those parts (default: all, in the order above).
set -e
cd "$(dirname "$0")"
parts="${BENCH_PARTS:-validation pipeline http growth typecheck durable report}"
wants() { case " $parts " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
pin=""
if command -v taskset >/dev/null 2>&1 && taskset -c 1 true 2>/dev/null; then
  pin="taskset -c 1"
else
  echo "taskset unavailable: running unpinned (expect more noise)"
fi
# Watchdogs: each part gets a hard limit (timeout kills it); http also bounds itself, per server
# (a watchdog kills a server whose turn runs long) and per run (no round starts past its budget).
limit=""
http_limit=""
part_limit=""
if command -v timeout >/dev/null 2>&1; then
  limit="timeout 120"
  http_limit="timeout ${BENCH_HTTP_LIMIT:-360}"
  part_limit="timeout ${BENCH_PART_LIMIT:-150}"
  tc_limit="timeout ${BENCH_TYPECHECK_LIMIT:-240}"
fi
export BENCH_HTTP_BUDGET="${BENCH_HTTP_BUDGET:-300}"
soft_limit="${BENCH_SOFT_LIMIT:-600}"
started=$(date +%s)
failed=""

if wants validation; then
  echo "== validation"
  $limit $pin node --expose-gc --conditions=@lssm/source --import tsx src/validation/main.ts
fi

if wants pipeline || wants http || wants growth || wants typecheck; then
  echo "== building the packages (pipeline and http run on them)"
  npm run build --prefix .. --silent
fi

if wants pipeline; then
  echo "== pipeline"
  $limit $pin node --expose-gc --import tsx src/pipeline/main.ts
fi

if wants http; then
  echo "== http (servers on core 0, autocannon on core 1)"
  $http_limit $pin node --import tsx src/http/main.ts
fi

# The parts other benchmarks add: each a src/<part>/main.ts writing results/<part>.json. A failure
# or a timeout is reported and the run goes on (the report then shows that part's older results).
for part in growth typecheck durable; do
  wants "$part" || continue
  [ -f "src/$part/main.ts" ] || continue
  elapsed=$(($(date +%s) - started))
  if [ "$elapsed" -gt "$soft_limit" ]; then
    echo "== $part skipped: the run has taken ${elapsed} s (BENCH_SOFT_LIMIT ${soft_limit} s)"
    failed="$failed $part(skipped)"
    continue
  fi
  echo "== $part"
  # typecheck's ours-dist app reads the built packages; growth's children and durable run the
  # source. durable is left unpinned: its server processes would inherit the pin and share one core
  # with the load.
  case "$part" in
    growth) run="$part_limit $pin node --expose-gc --import tsx" ;;
    typecheck) run="$tc_limit $pin node --import tsx" ;;
    durable) run="$part_limit node --conditions=@lssm/source --import tsx" ;;
  esac
  if ! $run "src/$part/main.ts"; then
    echo "== $part failed or timed out"
    failed="$failed $part"
  fi
done

if wants report; then
  echo "== BENCHMARKS.md"
  node --import tsx src/report/benchmarks-md.ts
fi
echo "== done in $(($(date +%s) - started)) s"
if [ -n "$failed" ]; then
  echo "not complete:$failed"
  exit 1
fi
