import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { CALENDAR_PATTERN } from './calendar.js';
import { BOARD_CODE_PATTERN, SLACK_CHANNEL_PATTERN, SLACK_USER_PATTERN } from './keys.js';
import { HEALTHS, LANGUAGES, MEASURE_STATUSES, PROBLEM_TITLE_MAX } from './types.js';

/** Input schemas shared by services, Slack modal parsers and the CSV importer. */

export const isoDate = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid, 'must be a real date as YYYY-MM-DD');

export const timeOfDay = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24-hour)');

const timezone = z
  .string()
  .trim()
  .refine((tz) => IANAZone.isValidZone(tz), 'must be an IANA time zone such as Asia/Shanghai');

export const slackUser = z.string().trim().regex(SLACK_USER_PATTERN, 'must be a Slack user ID like U0123ABCD');
const slackChannel = z.string().trim().regex(SLACK_CHANNEL_PATTERN, 'must be a Slack channel ID like C0123ABCD');

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

/**
 * Board fields without defaults: `boardInput` adds the defaults for a new board, while `boardEdit`
 * must leave every field the caller did not name untouched (a default there would silently reset it).
 */
const boardFields = {
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  channelId: slackChannel.nullable().optional(),
  timezone,
  language: z.enum(LANGUAGES, 'must be en or zh-CN'),
  leaders: z.array(slackUser).max(50, 'at most 50 leaders'),
  cycleDays: z.number().int().min(1, 'must be at least 1 day').max(90, 'must be at most 90 days'),
  anchorDate: isoDate,
  promptTime: timeOfDay,
  nudgeDaysBefore: z.number().int().min(0, 'must be between 0 and 30').max(30, 'must be between 0 and 30'),
  reminderOffsets: z
    .array(z.number().int().min(0, 'must be between 0 and 60').max(60, 'must be between 0 and 60'))
    .max(10),
  deadline: isoDate.nullable().optional(),
  categories: z.array(z.string().trim().min(1).max(75)).max(100),
  /** `restricted`: only leaders, owners, admins and channel members list and show the board. */
  visibility: z.enum(['open', 'restricted'], 'must be open or restricted'),
  /** On: the owner or the requester of a closeout cannot approve it. */
  separationOfDuties: z.boolean(),
  /** Working days (issue 22): a country code (CN, US, GB…), `weekends` (Mon–Fri) or `none` (every day). */
  calendar: z
    .string()
    .trim()
    .transform((s) => (/^[a-z]{2}$/i.test(s) ? s.toUpperCase() : s.toLowerCase()))
    .pipe(z.string().regex(CALENDAR_PATTERN, 'must be a country code such as CN or US, weekends or none')),
  /** The progress report sent to the leaders at each round's end, as Word or PDF (issue 24). */
  roundReport: z.enum(['off', 'docx', 'pdf'], 'must be off, docx or pdf'),
  /** A live ledger in the board's channel: a channel canvas mirroring the list (issue 24). */
  ledger: z.enum(['off', 'canvas'], 'must be canvas or off'),
  /** On: a closeout request must carry at least one evidence file. */
  evidenceRequired: z.boolean(),
  /** Days after a closeout the owner is asked whether the fix held (0: never). */
  effectivenessDays: z.number().int().min(0, 'must be between 0 and 365').max(365, 'must be between 0 and 365'),
};

export const boardInput = z.object({
  ...boardFields,
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(BOARD_CODE_PATTERN, 'must be 2–10 letters or digits, starting with a letter (e.g. RECT)'),
  leaders: boardFields.leaders.default([]),
  cycleDays: boardFields.cycleDays.default(14),
  promptTime: boardFields.promptTime.default('09:00'),
  nudgeDaysBefore: boardFields.nudgeDaysBefore.default(2),
  reminderOffsets: boardFields.reminderOffsets.default([7, 3, 1, 0]),
  categories: boardFields.categories.default([]),
  visibility: boardFields.visibility.default('open'),
  separationOfDuties: boardFields.separationOfDuties.default(true),
  // Interfaces pass CLOSEOUT_CALENDAR's default (weekends); a service caller naming none keeps every day alike.
  calendar: boardFields.calendar.default('none'),
  roundReport: boardFields.roundReport.default('off'),
  ledger: boardFields.ledger.default('off'),
  evidenceRequired: boardFields.evidenceRequired.default(false),
  effectivenessDays: boardFields.effectivenessDays.default(0),
});
export type BoardInput = z.input<typeof boardInput>;

export const boardEdit = z.object(boardFields).partial().extend({ archived: z.boolean().optional() });
export type BoardEdit = z.input<typeof boardEdit>;

export const measureText = z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters');

/** Problem fields without defaults, for the same reason as `boardFields`. */
const problemFields = {
  title: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(PROBLEM_TITLE_MAX, `must be at most ${PROBLEM_TITLE_MAX} characters`),
  description: z.string().trim().max(5000, 'must be at most 5000 characters'),
  category: optionalText(75),
  source: optionalText(200),
  unit: optionalText(200),
  deadline: isoDate.nullable().optional(),
};

export const problemInput = z.object({
  ...problemFields,
  description: problemFields.description.default(''),
  ownerId: slackUser,
  measures: z.array(measureText).max(200, 'at most 200 measures').default([]),
});
export type ProblemInput = z.input<typeof problemInput>;

export const problemEdit = z.object(problemFields).partial();
export type ProblemEdit = z.input<typeof problemEdit>;

export const updateInput = z.object({
  health: z.enum(HEALTHS, 'must be on_track, at_risk or blocked'),
  percent: z.number().int().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
  note: z.string().trim().max(3000, 'must be at most 3000 characters').default(''),
  measuresDone: z.array(z.number().int().positive()).default([]),
});
export type UpdateInput = z.input<typeof updateInput>;

export const closeoutInput = z.object({
  evidence: z.string().trim().min(1, 'is required').max(3000, 'must be at most 3000 characters'),
});

export const decisionReason = z.string().trim().min(1, 'is required').max(3000, 'must be at most 3000 characters');

/** A long-term closeout (持续整改): the lasting mechanisms put in place (长效机制), one a line, and a follow-up date. */
export const longTermInput = z.object({
  mechanisms: z
    .array(z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'))
    .min(1, 'is required')
    .max(50, 'at most 50 mechanisms'),
  followUpDate: isoDate,
});
export type LongTerm = z.output<typeof longTermInput>;

/**
 * A long-term closeout's follow-up date checks the fix again after it closed, so it is not before the day
 * the closeout is decided (`closedOn`, on the board's calendar). One rule for the outcome modal and import.
 */
export const followUpInTime = (followUpDate: string, closedOn: string): boolean => followUpDate >= closedOn;

/** An owner's request for more time: the new deadline and why. */
export const extensionInput = z.object({
  toDate: isoDate,
  reason: z.string().trim().min(1, 'is required').max(1000, 'must be at most 1000 characters'),
});

export const measureStatus = z.enum(MEASURE_STATUSES);
