import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const BENCH = resolve(import.meta.dirname, '../..');
const TS_REST = resolve(BENCH, '../bench-peers/ts-rest');

/** A peer, the directory its packages resolve from, and their names (space-separated). */
type PeerPackages = { readonly peer: string; readonly from: string; readonly packages: string };

/** The packages behind each benchmark peer. */
const PEER_PACKAGES: readonly PeerPackages[] = [
  { peer: 'ours', from: BENCH, packages: '@lssm/lib.contracts @lssm/lib.schema' },
  { peer: 'fastify', from: BENCH, packages: 'fastify' },
  { peer: 'hono', from: BENCH, packages: 'hono @hono/node-server zod' },
  { peer: 'orpc', from: BENCH, packages: '@orpc/server zod' },
  { peer: 'trpc', from: BENCH, packages: '@trpc/server zod' },
  { peer: 'ts-rest', from: TS_REST, packages: '@ts-rest/core @ts-rest/fastify fastify zod' },
  { peer: 'graphql-http', from: BENCH, packages: 'graphql-http graphql' },
  { peer: 'mercurius', from: BENCH, packages: 'mercurius fastify graphql' },
  { peer: 'mcp-sdk', from: BENCH, packages: '@modelcontextprotocol/sdk zod' },
  { peer: 'validators', from: BENCH, packages: 'zod valibot arktype @sinclair/typebox ajv' },
  { peer: 'load generator', from: BENCH, packages: 'autocannon' }, // wrk, when used, is named in the HTTP section
];

/**
 * The version of `name` as Node would resolve it from `from`: the first
 * `node_modules/<name>/package.json` walking up (read directly: some packages do not export it).
 */
export function installedVersion(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = resolve(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Each peer with its packages' installed versions (`fastify 5.6.1, graphql 16.11.0`). */
export function peerVersions(): { readonly peer: string; readonly versions: string }[] {
  return PEER_PACKAGES.map(({ peer, from, packages }) => ({
    peer,
    versions: packages
      .split(' ')
      .map((name) => `${name} ${installedVersion(name, from) ?? 'not installed'}`)
      .join(', '),
  }));
}
