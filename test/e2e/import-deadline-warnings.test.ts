import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../support/block-kit.js';
import type { SlackCall } from '../support/fake-slack.js';
import { LEADER, seedBoard } from '../support/fixtures.js';
import { textOf } from '../support/slack-calls.js';
import { TestApp } from '../support/test-app.js';

// Issue 22: a deadline on a day the board does not work is kept, and the import preview says which rows.

const ZH_LEADER = 'UZHLEAD';
let app: TestApp;
let n = 0;

beforeAll(async () => {
  app = await TestApp.start();
  app.fake.locales.set(ZH_LEADER, 'zh-CN');
  await seedBoard(app.deps, { calendar: 'weekends', leaders: [LEADER.userId, ZH_LEADER] });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

/** Twelve Saturdays from 2026-12-05, then a Monday: twelve deadlines on a day off, one on a working day. */
const SATURDAYS = Array.from({ length: 12 }, (_, i) =>
  new Date(Date.UTC(2026, 11, 5 + 7 * i)).toISOString().slice(0, 10),
);
const LIST = [
  'title,owner,deadline',
  ...SATURDAYS.map((d, i) => `Saturday ${i + 1},UOWNER,${d}`),
  'Monday,UOWNER,2026-12-07',
]
  .join('\r\n')
  .concat('\r\n');

async function drop(userId: string): Promise<SlackCall> {
  const id = `F0${++n}`;
  app.fake.shareFile(id, `list-${n}.csv`, Buffer.from(LIST));
  const channel = `D${userId.slice(1)}`;
  const from = app.fake.calls.length;
  await app.event({
    type: 'message',
    subtype: 'file_share',
    channel,
    channel_type: 'im',
    user: userId,
    text: 'RECT',
    ts: `1700000200.${String(n).padStart(6, '0')}`,
    files: [{ id, name: `list-${n}.csv` }],
  });
  return app.fake.waitFor(
    (calls) => calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.args.channel === channel),
    15_000,
  );
}
const actionIds = (call: SlackCall) =>
  ((call.args.blocks as { type: string; elements?: { action_id: string }[] }[]) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id));

describe('the import preview warns of deadlines on a day off', () => {
  it('lists the first ten rows, counts the rest, and still offers Import', async () => {
    const preview = await drop(LEADER.userId);
    const text = textOf(preview);
    expect(text).toContain('*13* to create');
    expect(text).toContain(
      ':warning: 12 deadlines fall on a day this board’s calendar does not work; they are kept as given:',
    );
    expect(text).toContain('• line 2: a new problem, deadline 2026-12-05');
    expect(text).toContain('• line 11: a new problem, deadline 2027-02-06');
    expect(text).not.toContain('deadline 2027-02-13'); // the eleventh: counted, not listed
    expect(text).not.toContain('deadline 2026-12-07'); // a Monday
    expect(text).toContain('… and 2 more');
    expect(actionIds(preview)).toEqual(['import.apply', 'import.cancel']);
  });

  it('in Chinese for a leader whose Slack is in Chinese', async () => {
    const text = textOf(await drop(ZH_LEADER));
    expect(text).toContain(':warning: 有 12 个完成时限落在本清单日历的非工作日，照常保存：');
    expect(text).toContain('• 第 2 行：新问题，完成时限 2026-12-05');
    expect(text).toContain('……另有 2 项');
  });
});
