import { plan } from '../../services/deliveries.js';
import { DEFAULT_TUNING, deliveryRow, NOTICE_JOB, type JobDeps, type RunReport, type Tuning } from '../types.js';
import { Fanout } from './fanout.js';

/**
 * Sends what is due of `kinds` at once (e.g. follow-ups a change has just recorded with itself), through
 * the same ledger and fan-out as a run: what cannot be sent now stays pending for the next run.
 */
export async function sendNow(deps: JobDeps, kinds: readonly string[]): Promise<RunReport> {
  const now = deps.clock.now();
  const report: RunReport = {
    at: now,
    jobs: [],
    dryRun: false,
    planned: [],
    waiting: 0,
    sent: [],
    failed: [],
    retrying: [],
    errors: [],
  };
  if (!deps.sender) return report;
  const tuning: Tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const fanout = new Fanout(deps, tuning, report);
  await fanout.sendDue(kinds);
  await sendNotices(deps, fanout, report);
  return report;
}

/** Failures that leaders must hear about are planned as notices and sent in a second pass. */
export async function sendNotices(deps: JobDeps, fanout: Fanout, report: RunReport): Promise<void> {
  if (!fanout.notices.length || report.aborted) return;
  await plan(deps.db, fanout.notices.map(deliveryRow), deps.clock.now());
  fanout.restart();
  await fanout.sendDue([NOTICE_JOB]);
}
