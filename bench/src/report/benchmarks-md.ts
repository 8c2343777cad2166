import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchmarksMarkdown } from './assemble.js';

// Writes BENCHMARKS.md (the repository root's, or $BENCH_MD) from every results file in
// bench/results (or $BENCH_RESULTS_DIR). Run by `run.sh` last; `node --import tsx
// src/report/benchmarks-md.ts` rebuilds it from the files alone.
const target = process.env.BENCH_MD ?? resolve(import.meta.dirname, '../../../BENCHMARKS.md');
writeFileSync(target, benchmarksMarkdown());
console.log(`wrote ${target}`);
