/** Domain vocabulary shared by services, Slack views, jobs and the CLI. */
/** Statuses of problems on the list: what counts, charts and digests add up. */
export const PROBLEM_STATUSES = ['open', 'in_progress', 'closeout_requested', 'closed'] as const;
export type CountedStatus = (typeof PROBLEM_STATUSES)[number];
/**
 * A problem raised by mistake or merged into another is `withdrawn`: kept (audit trail, export, restorable)
 * but out of lists, prompts, reminders and counts.
 */
export const WITHDRAWN = 'withdrawn';
export const ALL_PROBLEM_STATUSES = [...PROBLEM_STATUSES, WITHDRAWN] as const;
export type ProblemStatus = (typeof ALL_PROBLEM_STATUSES)[number];

export const MEASURE_STATUSES = ['todo', 'doing', 'done'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const HEALTHS = ['on_track', 'at_risk', 'blocked'] as const;
export type Health = (typeof HEALTHS)[number];

export { LANGUAGES, type Language } from '../i18n/language.js';

/** Who is acting: a Slack user in a Slack workspace (the CLI acts as an operator, see OPERATOR). */
export interface Actor {
  teamId: string;
  userId: string;
}

/** The CLI runs with the operator's authority: it is the person with shell access to the database. */
export const OPERATOR = 'operator';

export const PROBLEM_TITLE_MAX = 150;
