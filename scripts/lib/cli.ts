/**
 * What the command-line scripts (scripts/kota.ts, scripts/bank-sampah.ts) share: operator errors,
 * opening the database (DATABASE_URL or the embedded PostgreSQL, then migrations and reference
 * data), and running a command with the exit code it answers.
 *
 * The platform is imported only when a command opens the database, so usage and argument errors
 * answer at once.
 */
import type { DbHandle } from '../../src/platform/db/database.ts';
import type { EmbeddedServer } from '../../src/platform/db/embedded.ts';
import type { BalaiModule } from '../../src/platform/module.ts';

/** A mistake of the operator: printed without a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** The actor recorded in the audit log for changes made from the command line. */
export const CLI_ACTOR = { userId: null, role: 'sistem', requestId: 'cli' };

export interface CliDatabase {
  handle: DbHandle;
  embedded: EmbeddedServer | null;
}

/** Opens the database, migrated and with the modules' reference data; connection failures are CliErrors. */
export async function openCliDatabase(modules: BalaiModule[]): Promise<CliDatabase> {
  const [{ loadConfig }, { prepareDatabase, initialiseSchema }, { openDatabase }] = await Promise.all([
    import('../../src/platform/config.ts'),
    import('../../src/platform/boot.ts'),
    import('../../src/platform/db/database.ts'),
  ]);
  const config = loadConfig();
  let prepared;
  try {
    prepared = await prepareDatabase(config);
  } catch (err) {
    throw new CliError(
      `Tidak dapat membuka basis data: ${(err as Error).message.split('\n')[0]}\n` +
        'Bila server Balai sedang berjalan dengan PostgreSQL tertanam, hentikan dulu, atau isi DATABASE_URL.',
    );
  }
  const handle = openDatabase(prepared.url, 2);
  try {
    await initialiseSchema(handle, modules);
  } catch (err) {
    await handle.close();
    await prepared.embedded?.stop();
    const code = (err as { code?: string }).code ?? '';
    if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '28P01', '28000', '3D000'].includes(code)) {
      throw new CliError(
        `Tidak dapat terhubung ke basis data: ${(err as Error).message}. Periksa DATABASE_URL.`,
      );
    }
    throw err;
  }
  return { handle, embedded: prepared.embedded };
}

export async function closeCliDatabase(d: CliDatabase): Promise<void> {
  await d.handle.close();
  await d.embedded?.stop();
}

/** A command: its arguments in, the exit code out (nothing: 0). */
export type CliCommand = (args: string[]) => Promise<number | void>;

/** Runs the command named by the first argument and answers the process exit code. */
async function main(
  argv: string[],
  usage: string,
  commands: Record<string, CliCommand>,
  describeError: (err: unknown) => Promise<string>,
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'bantuan' || command === '--help' || command === '-h') {
    console.log(usage);
    return command ? 0 : 2;
  }
  const run = commands[command];
  if (!run) {
    console.error(`Perintah tidak dikenal: ${command}\n\n${usage}`);
    return 2;
  }
  try {
    return (await run(rest)) ?? 0;
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`Gagal: ${err.message}`);
      return err.exitCode;
    }
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`Gagal: ${err.message}\n\n${usage}`);
      return 2;
    }
    console.error(`Gagal: ${await describeError(err)}`);
    if (process.env.DEBUG) console.error(err);
    return 1;
  }
}

const errorMessage = (err: unknown): Promise<string> =>
  Promise.resolve(err instanceof Error ? err.message : String(err));

/** Runs the command line (`process.argv`) and exits the process with the command's code. */
export async function runCli(opts: {
  usage: string;
  commands: Record<string, CliCommand>;
  /** How an unexpected error is told to the operator (default: its message). */
  describeError?: (err: unknown) => Promise<string>;
}): Promise<never> {
  const code = await main(
    process.argv.slice(2),
    opts.usage,
    opts.commands,
    opts.describeError ?? errorMessage,
  );
  // Exit explicitly: the embedded PostgreSQL package installs an exit hook that would end with 0.
  await new Promise<void>((resolve) =>
    process.stdout.write('', () => process.stderr.write('', () => resolve())),
  );
  process.exit(code);
}
