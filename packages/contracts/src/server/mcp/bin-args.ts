import { parseArgs } from 'node:util';

/** What `contracts-mcp` was asked to serve. */
export interface BinOptions {
  /** Path of the module exporting the registry (relative to the current directory). */
  readonly registryModule: string;
  readonly registryExport: string;
  /** Path of the module exporting the context factory, if any. */
  readonly contextModule?: string;
  readonly contextExport: string;
  /** The environment variable holding the caller's token. */
  readonly tokenEnv: string;
  readonly serverName?: string;
}

/** The bin's usage text. */
export const USAGE = `Usage: contracts-mcp <registry-module> [options]

Serves a SpecRegistry's operations as MCP tools over stdio.

  <registry-module>         path of an ES module exporting the registry (relative to the current directory)
  --export <name>           the registry's export name (default: registry, then default)
  --context <module>        path of a module exporting the context factory, (request: Request) => context:
                            the same factory your HTTP handlers use. It receives a request carrying
                            "Authorization: Bearer <token>" when the token variable is set.
  --context-export <name>   the factory's export name (default: createContext, then default)
  --token-env <VAR>         the environment variable holding the token (default: CONTRACTS_MCP_TOKEN)
  --name <name>             the server name announced to clients (default: lssm-contracts)
  --help                    this text

Without --context every call is anonymous.`;

/** Reads the command line (without `node` and the script); an error message for bad usage. */
export function parseBinArgs(
  argv: readonly string[],
): { ok: true; options: BinOptions } | { ok: false; message: string } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { ok: false, message: '' };
  if (positionals.length !== 1) return { ok: false, message: 'Give exactly one registry module.' };
  const options: { -readonly [K in keyof BinOptions]: BinOptions[K] } = {
    registryModule: positionals[0] as string,
    registryExport: values.export ?? 'registry',
    contextExport: values['context-export'] ?? 'createContext',
    tokenEnv: values['token-env'] ?? 'CONTRACTS_MCP_TOKEN',
  };
  if (values.context !== undefined) options.contextModule = values.context;
  if (values.name !== undefined) options.serverName = values.name;
  return { ok: true, options };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      export: { type: 'string' },
      context: { type: 'string' },
      'context-export': { type: 'string' },
      'token-env': { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
}
