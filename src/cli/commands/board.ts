import { Option, type Command } from 'commander';
import { IANAZone } from 'luxon';
import { localDate } from '../../domain/cycle.js';
import { DomainError } from '../../domain/errors.js';
import { LANGUAGES, type Language } from '../../domain/types.js';
import type { Db } from '../../db/client.js';
import { createBoard, editBoard, listBoards, problemCountsByBoard } from '../../services/boards.js';
import { loadBoardCalendar } from '../../services/calendar.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';
import { commaList, wholeNumber } from '../options.js';
import { table } from '../table.js';

interface CreateOptions {
  code: string;
  name: string;
  channel: string;
  timezone?: string;
  language?: string;
  leaders?: string[];
  cycleDays?: number;
  anchor?: string;
  promptTime?: string;
  deadline?: string;
  calendar?: string;
  ledger?: 'canvas' | 'off';
  roundReport?: 'off' | 'docx' | 'pdf';
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
};

export function registerBoard(program: Command, ctx: CliContext): void {
  const board = program.command('board').description('Create and list boards (problem lists)');

  board
    .command('create')
    .description('Create a board')
    .requiredOption('--code <code>', 'short code used in keys, e.g. RECT')
    .requiredOption('--name <name>', 'board name')
    .requiredOption('--channel <id>', 'Slack channel ID for reminders and digests (C…)')
    .option('--timezone <zone>', 'IANA time zone (default: CLOSEOUT_TIMEZONE)')
    .option('--language <lang>', 'en or zh-CN (default: CLOSEOUT_LANGUAGE)')
    .option('--leaders <ids>', 'comma-separated Slack user IDs of the leaders', commaList)
    .option('--cycle-days <n>', 'length of an update cycle in days (default 14)', wholeNumber)
    .option('--anchor <date>', 'YYYY-MM-DD on which cycle 0 starts (default: today in the board time zone)')
    .option('--prompt-time <HH:MM>', 'local time of the cycle prompt (default 09:00)')
    .option('--deadline <date>', 'list-wide deadline, YYYY-MM-DD')
    .option(
      '--calendar <name>',
      'working days: a country code (CN, US, GB…), weekends or none (default: CLOSEOUT_CALENDAR)',
    )
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
    .action((opts: CreateOptions) =>
      ctx.withServices(async ({ deps, actor, env }) => {
        const timezone = opts.timezone ?? env.CLOSEOUT_TIMEZONE;
        const anchorDate = opts.anchor ?? (IANAZone.isValidZone(timezone) ? localDate(ctx.clock.now(), timezone) : '');
        const language = opts.language ?? env.CLOSEOUT_LANGUAGE;
        if (!isLanguage(language)) throw new UserError(`--language: must be ${LANGUAGES.join(' or ')}`);
        const created = await createBoard(deps, actor, {
          code: opts.code,
          name: opts.name,
          channelId: opts.channel,
          timezone,
          language,
          leaders: opts.leaders ?? [],
          cycleDays: opts.cycleDays,
          anchorDate,
          promptTime: opts.promptTime,
          deadline: opts.deadline,
          calendar: opts.calendar ?? env.CLOSEOUT_CALENDAR,
          ...(opts.ledger && { ledger: opts.ledger }),
          ...(opts.roundReport && { roundReport: opts.roundReport }),
        }).catch(withFlagNames);
        ctx.out(
          `Created board ${created.code} "${created.name}" in team ${created.teamId}: channel ${created.channelId}, ` +
            `${created.timezone}, ${created.language}, ${created.cycleDays}-day cycles from ${created.anchorDate}, ` +
            `prompts at ${created.promptTime}, calendar ${created.calendar}` +
            (created.deadline ? `, list deadline ${created.deadline}` : '') +
            (created.leaders.length ? `, leaders ${created.leaders.map((l) => l.userId).join(', ')}.` : '.'),
        );
        await warnNonWorkingDeadline(ctx, deps.db, created);
      }),
    );

  board
    .command('edit')
    .description("Change a board's working-day calendar")
    .requiredOption('--code <code>', 'the board')
    .requiredOption('--calendar <name>', 'a country code (CN, US, GB…), weekends or none')
    .action((opts: { code: string; calendar: string }) =>
      ctx.withServices(async ({ deps, actor }) => {
        const after = await editBoard(deps, actor, opts.code.toUpperCase(), { calendar: opts.calendar }).catch(
          withFlagNames,
        );
        ctx.out(`Board ${after.code} now uses the ${after.calendar} calendar.`);
        await warnNonWorkingDeadline(ctx, deps.db, after);
      }),
    );

  board
    .command('list')
    .description('List the boards of the team')
    .option('--all', 'include archived boards')
    .action((opts: { all?: boolean }) =>
      ctx.withServices(async ({ deps, actor }) => {
        const boards = await listBoards(deps, actor.teamId, { includeArchived: opts.all });
        if (!boards.length) {
          ctx.out(
            `No boards in team ${actor.teamId} yet. Create one with "closeout board create", or try "closeout demo".`,
          );
          return;
        }
        const problems = await problemCountsByBoard(deps, actor.teamId);
        ctx.out(
          table(
            ['CODE', 'NAME', 'CHANNEL', 'TIMEZONE', 'LANG', 'CYCLE', 'ANCHOR', 'DEADLINE', 'LEADERS', 'PROBLEMS'],
            boards.map((b) => [
              b.archived ? `${b.code} (archived)` : b.code,
              b.name,
              b.channelId ?? '-',
              b.timezone,
              b.language,
              `${b.cycleDays}d @ ${b.promptTime}`,
              b.anchorDate,
              b.deadline ?? '-',
              b.leaders.map((l) => l.userId).join(',') || '-',
              String(problems.get(b.id) ?? 0),
            ]),
          ),
        );
      }),
    );
}

function withFlagNames(err: unknown): never {
  if (err instanceof DomainError && err.key === 'error.invalid_field') {
    const field = String(err.params.field ?? '');
    const flag = FLAGS[field.split('.')[0]!];
    if (flag) throw new UserError(`${flag}: ${String(err.params.reason)}`);
  }
  throw err;
}

/** A list-wide deadline on a day the board does not work is kept, with a warning (issue 22). */
async function warnNonWorkingDeadline(
  ctx: CliContext,
  db: Db,
  board: { id: number; calendar: string; deadline: string | null },
): Promise<void> {
  if (!board.deadline) return;
  const calendar = await loadBoardCalendar(db, board);
  if (!calendar.isWorkingDay(board.deadline))
    ctx.out(`Warning: the deadline ${board.deadline} is not a working day on this board's calendar (kept as given).`);
}

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
