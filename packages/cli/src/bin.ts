#!/usr/bin/env node
// The `contracts` command (see docs/cli.md). It exits explicitly: a registry module may hold open
// handles (a database pool, timers) that would otherwise keep the process alive.
import { runCli } from './cli.js';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`contracts: ${String(error)}\n`);
    process.exit(3);
  },
);
