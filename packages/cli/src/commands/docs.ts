import { join } from 'node:path';
import { Command } from 'commander';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { writeOutputFile } from '../output.js';
import {
  loadWithProgress,
  outputOf,
  type RegistryOptions,
  snapshotOf,
  withRegistryOptions,
} from './shared.js';

interface DocsOptions extends RegistryOptions {
  readonly out: string;
  readonly title: string;
  readonly summary?: string;
  readonly baseUrl?: string;
  readonly basePath: string;
  readonly includeInternal?: boolean;
}

/** `contracts docs`: one markdown page per operation and an llms.txt index. */
export function docsCommand(setExit: (code: ExitCode) => void): Command {
  return withRegistryOptions(new Command('docs'))
    .description(
      'write one markdown page per operation (goal, policy, inputs, outputs, errors, examples) and llms.txt',
    )
    .option('-o, --out <dir>', 'folder to write the pages and llms.txt to', 'docs/operations')
    .option('--title <title>', 'the H1 of llms.txt', 'Operations')
    .option('--summary <text>', 'the summary (blockquote) of llms.txt')
    .option('--base-url <url>', 'prefix of the links in llms.txt (default: relative links)')
    .option('--base-path <path>', 'where operations are served on REST', '/api/ops')
    .option('--include-internal', 'also document operations no public transport serves')
    .action(async (options: DocsOptions, command: Command) => {
      const output = outputOf(command);
      const registry = await loadWithProgress(options, output);
      const [{ llmsTxt }, { operationPage, pageFileName }] = await Promise.all([
        import('../docs/llms-txt.js'),
        import('../docs/operation-page.js'),
      ]);
      const all = (await snapshotOf(registry)).operations;
      const served = (op: (typeof all)[number]) =>
        op.exposure.rest || op.exposure.graphql || op.exposure.mcp || op.exposure.webhook;
      const operations = options.includeInternal === true ? all : all.filter(served);
      const skipped = all.length - operations.length;
      if (skipped > 0)
        output.progress(
          `skipping ${skipped} operation version(s) no public transport serves (--include-internal to keep them)`,
        );
      let written = 0;
      for (const op of operations) {
        await writeOutputFile(
          join(options.out, pageFileName(op)),
          operationPage(op, { basePath: options.basePath }),
        );
        written++;
        output.progress(`[${written}/${operations.length}] ${op.name} v${op.version}`);
      }
      await writeOutputFile(
        join(options.out, 'llms.txt'),
        llmsTxt(operations, {
          title: options.title,
          basePath: options.basePath,
          ...(options.summary === undefined ? {} : { summary: options.summary }),
          ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
        }),
      );
      await output.result(
        `Wrote ${written} operation page${written === 1 ? '' : 's'} and llms.txt to ${options.out}`,
      );
      setExit(EXIT.ok);
    });
}
