import { cycleDigest } from './cycle-digest.js';
import { cyclePrompts } from './cycle-prompts.js';
import { deadlineReminders } from './deadline-reminders.js';
import { effectivenessChecks } from './effectiveness-checks.js';
import { execute } from './execute.js';
import { overdueEscalation } from './overdue-escalation.js';
import { updateNudges } from './update-nudges.js';
import {
  JOB_NAMES,
  isJobName,
  type Job,
  type JobDeps,
  type JobName,
  type RunOptions,
  type RunReport,
} from './types.js';

const JOBS: Record<JobName, Job> = {
  'cycle-prompts': cyclePrompts,
  'update-nudges': updateNudges,
  'cycle-digest': cycleDigest,
  'deadline-reminders': deadlineReminders,
  'overdue-escalation': overdueEscalation,
  'effectiveness-checks': effectivenessChecks,
};

export type JobSelection = JobName | 'all';

export function parseJobSelection(name: string): JobSelection | null {
  return name === 'all' || isJobName(name) ? name : null;
}

/** Runs one job, or all of them in one pass (one plan, one fan-out), as of `at`. */
export function runJob(deps: JobDeps, selection: JobSelection, at: Date, opts: RunOptions = {}): Promise<RunReport> {
  const jobs = selection === 'all' ? JOB_NAMES.map((name) => JOBS[name]) : [JOBS[selection]];
  return execute(deps, jobs, at, opts);
}
