import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config-error.js';
import { DomainError } from '../domain/errors.js';
import { t } from '../i18n/index.js';
import { registerBoard } from './commands/board.js';
import { registerCalendar } from './commands/calendar.js';
import { registerDb } from './commands/db.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPlayground } from './commands/playground.js';
import { registerRunJob } from './commands/run-job.js';
import { registerSummary } from './commands/summary.js';
import { CliContext, type CliIo } from './context.js';
import { UserError } from './errors.js';

export type { CliIo } from './context.js';

/** Runs `closeout <argv…>` and returns the exit code: 0 ok, 1 a mistake the operator can fix, 2 unexpected. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = new Command('closeout')
    .description('Operator commands for Closeout, the Slack app that drives problem lists to closeout.')
    .version(packageVersion())
    .option(
      '--team <id>',
      'Slack team ID to act in (default: SLACK_TEAM_ID, else the only team with boards, else T_LOCAL)',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError('(add --help for usage)');
  const ctx = new CliContext(io, program);
  for (const register of [
    registerMigrate,
    registerBoard,
    registerCalendar,
    registerImport,
    registerExport,
    registerSummary,
    registerDemo,
    registerRunJob,
    registerDb,
    registerPlayground,
  ]) {
    register(program, ctx);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    return report(err, io);
  }
}

function report(err: unknown, io: CliIo): number {
  // Commander has already printed its own message (unknown command, missing option, --help).
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
  const message = userMessage(err);
  if (message !== null) {
    io.stderr.write(`Error: ${message}\n`);
    return 1;
  }
  const error = err instanceof Error ? err : new Error(String(err));
  io.stderr.write(
    `Error: ${error.message}\nThis is an unexpected error. Rerun with LOG_LEVEL=debug to see where it happened, and report it if it persists.\n`,
  );
  if (['debug', 'trace'].includes(io.env.LOG_LEVEL ?? '') && error.stack) io.stderr.write(`${error.stack}\n`);
  return 2;
}

function userMessage(err: unknown): string | null {
  if (err instanceof DomainError) return t('en', err.key, err.params);
  if (err instanceof ConfigError || err instanceof UserError) return err.message;
  return null;
}

/** package.json sits two levels up from both src/cli and dist/cli. */
function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : 'unknown';
  } catch {
    return 'unknown';
  }
}
