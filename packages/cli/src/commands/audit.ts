import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { CliError, EXIT, type ExitCode, messageOf } from '../exit-codes.js';
import { outputOf } from './shared.js';

/** The embedded database's default folder (the one `@lssm/lib.postgres` apps use). */
export const DEFAULT_DATA_DIR = '.data/pglite';

interface VerifyOptions {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  readonly schema: string;
  readonly json?: boolean;
}

/** A connection string safe to print: the password masked. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a database URL)';
  }
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `contracts audit verify`: recomputes the audit trail's hash chain and names the first broken record. */
export function auditCommand(setExit: (code: ExitCode) => void): Command {
  const verify = new Command('verify')
    .description(
      'check the audit trail: sequence without gaps, every hash recomputed, the head matching the last record',
    )
    .option('--database-url <url>', 'a PostgreSQL server (default: $DATABASE_URL)')
    .option(
      '--data-dir <dir>',
      `an embedded PGlite database (default: $PGLITE_DATA_DIR, else ${DEFAULT_DATA_DIR})`,
    )
    .option('--schema <name>', 'the schema holding the audit tables', 'lssm')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit codes: 0 intact, 1 broken, 2 usage error, 3 the database cannot be read.')
    .action(async (options: VerifyOptions, command: Command) => {
      const output = outputOf(command);
      if (options.databaseUrl !== undefined && options.dataDir !== undefined)
        throw new CliError('give either --database-url or --data-dir, not both', EXIT.usage);
      const url =
        options.dataDir === undefined
          ? options.databaseUrl || process.env.DATABASE_URL || undefined
          : undefined;
      const dir =
        url === undefined
          ? (options.dataDir ?? (process.env.PGLITE_DATA_DIR || DEFAULT_DATA_DIR))
          : undefined;
      if (dir !== undefined && !existsSync(dir))
        throw new CliError(`no database at ${dir} (give --data-dir or --database-url)`);
      // Loaded here: the drivers are large, and only this command needs them.
      const pg = await import('@lssm/lib.postgres');
      let driver: Awaited<ReturnType<typeof pg.pgliteDriver>>;
      let where: string;
      if (dir === undefined) {
        where = redactUrl(url ?? '');
        driver = pg.pgDriver({ connectionString: url });
      } else {
        where = `PGlite at ${dir}`;
        output.progress(`opening ${where}`);
        driver = await pg.pgliteDriver({ dataDir: dir });
      }
      try {
        output.progress(`verifying the audit chain in schema "${options.schema}" of ${where}`);
        const result = await pg.verifyAuditChain(driver, { schema: options.schema });
        if (options.json === true) await output.result(JSON.stringify(result, null, 2));
        else if (result.ok)
          await output.result(
            `The audit chain is intact: ${result.count} records, head #${result.headSeq} (${result.headHash}).`,
          );
        else
          await output.result(
            `The audit chain is broken at sequence number ${result.brokenAt}: ${result.reason} (${result.count} records verified before it).`,
          );
        setExit(result.ok ? EXIT.ok : EXIT.failed);
      } catch (error) {
        if (sqlState(error) === '42P01' || sqlState(error) === '3F000')
          throw new CliError(
            `no audit trail in schema "${options.schema}" of ${where} (have the migrations run?)`,
            EXIT.error,
            { cause: error },
          );
        throw new CliError(`cannot read the audit trail of ${where}: ${messageOf(error)}`, EXIT.error, {
          cause: error,
        });
      } finally {
        await driver.close().catch(() => undefined);
      }
    });
  return new Command('audit')
    .description('work with the durable audit trail (@lssm/lib.postgres)')
    .addCommand(verify);
}
