import { Option, type Command } from 'commander';
import { DomainError } from '../../domain/errors.js';
import type { Db } from '../../db/client.js';
import { editBoard } from '../../services/boards.js';
import { loadBoardCalendar } from '../../services/calendar.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';
import { wholeNumber } from '../options.js';

/** A board's settings that `board create` and `board edit` both take (issues 22, 23, 24). */
export interface SettingOptions {
  calendar?: string;
  ledger?: 'canvas' | 'off';
  roundReport?: 'off' | 'docx' | 'pdf';
  evidence?: string;
  effectivenessDays?: number;
}

/** Service field → the flag the operator typed, so validation messages name the flag. */
const FLAGS: Record<string, string> = {
  code: '--code',
  name: '--name',
  channelId: '--channel',
  timezone: '--timezone',
  calendar: '--calendar',
  language: '--language',
  leaders: '--leaders',
  cycleDays: '--cycle-days',
  anchorDate: '--anchor',
  promptTime: '--prompt-time',
  deadline: '--deadline',
  ledger: '--ledger',
  roundReport: '--round-report',
  effectivenessDays: '--effectiveness-days',
};

export function withFlagNames(err: unknown): never {
  if (err instanceof DomainError && err.key === 'error.invalid_field') {
    const field = String(err.params.field ?? '');
    const flag = FLAGS[field.split('.')[0]!];
    if (flag) throw new UserError(`${flag}: ${String(err.params.reason)}`);
  }
  throw err;
}

export function withSettingOptions(cmd: Command, calendarHelp: string): Command {
  return cmd
    .option('--calendar <name>', calendarHelp)
    .addOption(
      new Option('--ledger <mode>', 'a live ledger in the channel: canvas or off (default off)').choices([
        'canvas',
        'off',
      ]),
    )
    .addOption(
      new Option('--round-report <format>', "leaders' progress report at each round's end: off, docx or pdf").choices([
        'off',
        'docx',
        'pdf',
      ]),
    )
    .option('--evidence <required|optional>', 'whether a closeout request must carry evidence files (default optional)')
    .option(
      '--effectiveness-days <n>',
      'days after a closeout the owner is asked whether the fix held; 0 = off (default 0)',
      wholeNumber,
    );
}

/** The service fields the flags set (only those given; the calendar's default is the caller's). */
export function settingFields(opts: SettingOptions): {
  ledger?: 'canvas' | 'off';
  roundReport?: 'off' | 'docx' | 'pdf';
  evidenceRequired?: boolean;
  effectivenessDays?: number;
} {
  if (opts.evidence !== undefined && opts.evidence !== 'required' && opts.evidence !== 'optional')
    throw new UserError('--evidence: must be required or optional');
  return {
    ...(opts.ledger && { ledger: opts.ledger }),
    ...(opts.roundReport && { roundReport: opts.roundReport }),
    ...(opts.evidence !== undefined && { evidenceRequired: opts.evidence === 'required' }),
    ...(opts.effectivenessDays !== undefined && { effectivenessDays: opts.effectivenessDays }),
  };
}

/** `closeout board edit --code RECT [--calendar CN] [--evidence required] [--effectiveness-days 30] …`. */
export function registerBoardEdit(board: Command, ctx: CliContext): void {
  withSettingOptions(
    board
      .command('edit')
      .description("Change a board's settings: calendar, ledger, round report, evidence files, effectiveness checks")
      .requiredOption('--code <code>', 'the board'),
    'a country code (CN, US, GB…), weekends or none',
  ).action((opts: SettingOptions & { code: string }) =>
    ctx.withServices(async ({ deps, actor }) => {
      const fields = { ...settingFields(opts), ...(opts.calendar !== undefined && { calendar: opts.calendar }) };
      if (!Object.keys(fields).length)
        throw new UserError(
          'nothing to change: give --calendar, --ledger, --round-report, --evidence or --effectiveness-days',
        );
      const after = await editBoard(deps, actor, opts.code.toUpperCase(), fields).catch(withFlagNames);
      if (opts.calendar !== undefined) ctx.out(`Board ${after.code} now uses the ${after.calendar} calendar.`);
      ctx.out(
        `Board ${after.code}: evidence files ${after.evidenceRequired ? 'required' : 'optional'}, ` +
          `effectiveness checks ${after.effectivenessDays ? `${after.effectivenessDays} days after closeout` : 'off'}, ` +
          `ledger ${after.ledger}, round report ${after.roundReport}.`,
      );
      if (opts.calendar !== undefined) await warnNonWorkingDeadline(ctx, deps.db, after);
    }),
  );
}

/** A list-wide deadline on a day the board does not work is kept, with a warning (issue 22). */
export async function warnNonWorkingDeadline(
  ctx: CliContext,
  db: Db,
  board: { id: number; calendar: string; deadline: string | null },
): Promise<void> {
  if (!board.deadline) return;
  const calendar = await loadBoardCalendar(db, board);
  if (!calendar.isWorkingDay(board.deadline))
    ctx.out(`Warning: the deadline ${board.deadline} is not a working day on this board's calendar (kept as given).`);
}
