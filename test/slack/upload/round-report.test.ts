import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeChartRenderer } from '../../../src/charts/chart-renderer.js';
import { createLogger } from '../../../src/logging/logger.js';
import { editBoard } from '../../../src/services/boards.js';
import { createSlackSender } from '../../../src/slack/sender.js';
import { digestChartFollowUp } from '../../../src/slack/upload/digest-chart.js';
import { followUps, roundReportFollowUp } from '../../../src/slack/upload/round-report.js';
import { ADMIN, OWNER, seedBoard } from '../../support/fixtures.js';
import { FAST_RETRY, FAST_TIMEOUT_MS, harness, problem, type Harness } from '../../support/jobs.js';

/** Round 1 of RECT ends 2026-11-29; its digest goes out when round 2 opens, 09:00 Shanghai. */
const DIGEST_0 = '2026-11-30T01:00:00Z';

let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
  const logger = createLogger('silent');
  h.jobDeps.sender = createSlackSender({
    token: 'xoxb-test',
    apiUrl: h.fake.apiUrl,
    logger,
    retry: FAST_RETRY,
    timeoutMs: FAST_TIMEOUT_MS,
    afterSent: followUps(
      logger,
      digestChartFollowUp(h.deps.db, logger, 'test-1'),
      roundReportFollowUp(h.deps.db, logger, 'test-1'),
    ),
  });
  await h.deps.db.board.updateMany({ data: { digestTo: 'both' } });
  await problem(h.deps, OWNER.userId, { title: 'Queue times at the permit window', deadline: '2026-11-20' });
});
afterEach(async () => {
  await closeChartRenderer();
  await h.stop();
});

const reportUploads = () =>
  h.fake.callsTo('files.getUploadURLExternal').filter((c) => String(c.args.filename).includes('-report-'));

describe('the progress report at the end of each round', () => {
  it('goes to each leader’s DM once per round, as the board’s setting says', async () => {
    await editBoard(h.deps, ADMIN, 'RECT', { roundReport: 'pdf', leaders: ['ULEADER', 'ULEAD2'] });
    await h.run(DIGEST_0, 'cycle-digest');
    await h.run(DIGEST_0, 'cycle-digest');
    await h.run('2026-11-30T05:00:00Z', 'all');
    expect(reportUploads().map((c) => c.args.filename)).toEqual([
      'RECT-report-2026-11-30.pdf',
      'RECT-report-2026-11-30.pdf',
    ]);
    const shared = h.fake
      .callsTo('files.completeUploadExternal')
      .map((c) => c.args.channel_id)
      .filter((c) => String(c).startsWith('D'));
    expect(shared.sort()).toEqual(['DLEAD2', 'DLEADER']);
    for (const user of ['ULEADER', 'ULEAD2']) {
      expect(
        await h.deps.db.delivery.findUnique({ where: { dedupeKey: `report:RECT:cycle-0:${user}` } }),
      ).toMatchObject({ state: 'sent', job: 'round-report' });
    }
    // The file is the round's report: its text names the overdue problem.
    const pdf = h.fake.uploads.find((u) => u.body.subarray(0, 5).toString() === '%PDF-')!.body;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'round-report-')), 'r.pdf');
    fs.writeFileSync(file, pdf);
    expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toContain('RECT-1');
  });

  it('is not sent while the setting is off (the default)', async () => {
    await h.run(DIGEST_0, 'cycle-digest');
    expect(reportUploads()).toEqual([]);
    expect(await h.deps.db.delivery.count({ where: { job: 'round-report' } })).toBe(0);
  });
});
