import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackSender } from '../../src/slack/sender.js';
import { createLogger } from '../../src/logging/logger.js';
import { digestChartFollowUp } from '../../src/slack/upload/digest-chart.js';
import { OWNER, seedBoard } from '../support/fixtures.js';
import { FAST_RETRY, FAST_TIMEOUT_MS, harness, problem, type Harness } from '../support/jobs.js';

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
    afterSent: digestChartFollowUp(h.deps.db, logger, 'test-1'),
  });
  await h.deps.db.board.updateMany({ data: { digestTo: 'both' } });
  await problem(h.deps, OWNER.userId, { title: 'Queue times at the permit window', deadline: '2026-11-20' });
});
afterEach(() => h.stop());

const methods = () => h.fake.calls.map((c) => c.method);

describe('the cycle digest’s chart', () => {
  it('is uploaded once into the channel digest’s thread, after the digest', async () => {
    await h.run(DIGEST_0, 'cycle-digest');
    const [digest] = h.postedFor('digest:RECT:cycle-0');
    expect(digest?.channel).toBe('C0BOARD');
    const complete = h.fake.callsTo('files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    expect(complete[0]!.args).toMatchObject({ channel_id: 'C0BOARD', thread_ts: digest!.ts });
    // Upload URL, then the bytes (a PNG), then completion — and only after the digest was posted.
    const order = methods().filter((m) =>
      ['chat.postMessage', 'files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal'].includes(m),
    );
    expect(order.indexOf('files.getUploadURLExternal')).toBeGreaterThan(order.indexOf('chat.postMessage'));
    expect(order.slice(-3)).toEqual(['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']);
    expect(await h.deps.db.delivery.findUnique({ where: { dedupeKey: 'chart:digest:RECT:cycle-0' } })).toMatchObject({
      state: 'sent',
    });
  });

  it('is not posted again when the run repeats, and the leaders’ DM copies get none', async () => {
    await h.run(DIGEST_0, 'cycle-digest');
    await h.run(DIGEST_0, 'cycle-digest');
    await h.run('2026-11-30T05:00:00Z', 'all');
    expect(h.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(h.postedFor('digest:RECT:cycle-0:ULEADER')).toHaveLength(1);
  });

  it('does not hold the digest back when the upload fails', async () => {
    h.fake.on('files.getUploadURLExternal', () => ({ ok: false, error: 'not_allowed' }));
    const report = await h.run(DIGEST_0, 'cycle-digest');
    expect(report.sent).toContain('digest:RECT:cycle-0');
    expect(await h.deps.db.delivery.findUnique({ where: { dedupeKey: 'chart:digest:RECT:cycle-0' } })).toMatchObject({
      state: 'failed',
    });
    await h.run(DIGEST_0, 'cycle-digest');
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
  });
});
