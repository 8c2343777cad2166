import type { OpenApiOptions } from '@lssm/lib.contracts';
import { Command, Option } from 'commander';
import { CliError, EXIT, type ExitCode, messageOf } from '../exit-codes.js';
import { writeOutputFile } from '../output.js';
import { loadWithProgress, outputOf, type RegistryOptions, withRegistryOptions } from './shared.js';

interface OpenApiCommandOptions extends RegistryOptions {
  readonly out?: string;
  readonly openapiVersion: '3.1' | '3.0';
  readonly title?: string;
  readonly docVersion?: string;
  readonly description?: string;
  readonly basePath?: string;
  readonly server?: string[];
}

/** `contracts openapi`: the OpenAPI 3.1 (or 3.0) document of what the registry serves on REST. */
export function openApiCommand(setExit: (code: ExitCode) => void): Command {
  return withRegistryOptions(new Command('openapi'))
    .description('write the OpenAPI document of the operations served over REST')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .addOption(
      new Option('--openapi-version <version>', 'OpenAPI version of the document')
        .choices(['3.1', '3.0'])
        .default('3.1'),
    )
    .option('--title <title>', 'info.title', 'Operations')
    .option('--doc-version <version>', 'info.version: the version of the document', '1.0.0')
    .option('--description <text>', 'info.description')
    .option('--base-path <path>', 'where operations are served', '/api/ops')
    .option('--server <url...>', 'servers[].url (repeatable)')
    .action(async (options: OpenApiCommandOptions, command: Command) => {
      const output = outputOf(command);
      const registry = await loadWithProgress(options, output);
      const settings: { -readonly [K in keyof OpenApiOptions]: OpenApiOptions[K] } = {
        version3: options.openapiVersion,
      };
      if (options.title !== undefined) settings.title = options.title;
      if (options.docVersion !== undefined) settings.version = options.docVersion;
      if (options.description !== undefined) settings.description = options.description;
      if (options.basePath !== undefined) settings.basePath = options.basePath;
      if (options.server !== undefined) settings.servers = options.server.map((url) => ({ url }));
      // Loaded here, not at start-up: other commands do not pay for the contracts core.
      const { generateOpenApi } = await import('@lssm/lib.contracts');
      let text: string;
      try {
        text = JSON.stringify(generateOpenApi(registry, settings), null, 2);
      } catch (error) {
        throw new CliError(`cannot describe the registry: ${messageOf(error)}`, EXIT.error, { cause: error });
      }
      if (options.out === undefined) await output.result(text);
      else {
        await writeOutputFile(options.out, text);
        output.progress(`wrote OpenAPI ${options.openapiVersion} to ${options.out}`);
      }
      setExit(EXIT.ok);
    });
}
