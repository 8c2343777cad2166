#!/usr/bin/env node
// `contracts-mcp`: serves a registry module over stdio (see USAGE in bin-args.ts, docs/transports/mcp.md).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppContext, SpecRegistry } from '../../index.js';
import { type BinOptions, parseBinArgs, USAGE } from './bin-args.js';
import { serveStdio } from './stdio.js';

type ContextFactory = (request: Request) => AppContext | Promise<AppContext>;

class BinError extends Error {}

async function loadExport(path: string, name: string, fallback: string): Promise<unknown> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(resolve(process.cwd(), path)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new BinError(`cannot load ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (name in module) return module[name];
  if (fallback in module) return module[fallback];
  throw new BinError(`${path} exports neither "${name}" nor "${fallback}"`);
}

function isRegistry(value: unknown): value is SpecRegistry {
  const candidate = value as Partial<Record<'resolve' | 'exposed' | 'problems', unknown>> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.resolve === 'function' &&
    typeof candidate.exposed === 'function' &&
    typeof candidate.problems === 'function'
  );
}

/** Per call: the app's factory given a request carrying the token, or an anonymous context. */
async function contextFor(
  options: BinOptions,
  token: string | undefined,
): Promise<() => AppContext | Promise<AppContext>> {
  if (options.contextModule === undefined) {
    if (token !== undefined)
      process.stderr.write(
        `contracts-mcp: ${options.tokenEnv} is set but no --context reads it; calls are anonymous\n`,
      );
    return () => ({ actor: 'anonymous' });
  }
  const factory = await loadExport(options.contextModule, options.contextExport, 'default');
  if (typeof factory !== 'function')
    throw new BinError(`the context factory in ${options.contextModule} is not a function`);
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  return () => (factory as ContextFactory)(new Request('http://localhost/mcp', { method: 'POST', headers }));
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseBinArgs(argv);
  if (!args.ok) {
    process.stderr.write(`${args.message === '' ? '' : `contracts-mcp: ${args.message}\n\n`}${USAGE}\n`);
    process.exitCode = args.message === '' ? 0 : 2;
    return;
  }
  const options = args.options;
  // stdout carries the protocol: whatever the app's modules log goes to stderr instead.
  console.log = console.info = console.debug = console.error;
  const registry = await loadExport(options.registryModule, options.registryExport, 'default');
  if (!isRegistry(registry))
    throw new BinError(`the export of ${options.registryModule} is not a SpecRegistry`);
  const token = process.env[options.tokenEnv] || undefined;
  const createContext = await contextFor(options, token);
  for (const { operation, problem } of registry.problems())
    process.stderr.write(`contracts-mcp: warning: ${operation}: ${problem}\n`);
  await serveStdio(
    registry,
    createContext,
    options.serverName === undefined ? {} : { serverInfo: { name: options.serverName, version: '0.1.0' } },
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`contracts-mcp: ${error instanceof BinError ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
