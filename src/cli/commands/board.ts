import type { Command } from 'commander';
import { IANAZone } from 'luxon';
import { localDate } from '../../domain/cycle.js';
import { LANGUAGES, type Language } from '../../domain/types.js';
import { createBoard, listBoards, problemCountsByBoard } from '../../services/boards.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';
import { commaList, wholeNumber } from '../options.js';
import { table } from '../table.js';
import {
  registerBoardEdit,
  settingFields,
  warnNonWorkingDeadline,
  withFlagNames,
  withSettingOptions,
  type SettingOptions,
} from './board-settings.js';

interface CreateOptions extends SettingOptions {
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
}

export function registerBoard(program: Command, ctx: CliContext): void {
  const board = program.command('board').description('Create and list boards (problem lists)');

  withSettingOptions(
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
      .option('--deadline <date>', 'list-wide deadline, YYYY-MM-DD'),
    'working days: a country code (CN, US, GB…), weekends or none (default: CLOSEOUT_CALENDAR)',
  ).action((opts: CreateOptions) =>
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
        ...settingFields(opts),
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

  registerBoardEdit(board, ctx);

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

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
