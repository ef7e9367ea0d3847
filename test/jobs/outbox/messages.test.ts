import { describe, expect, it } from 'vitest';
import type { Language } from '../../../src/domain/types.js';
import { listed, type BoardRef, type OutboundMessage, type ProblemLine } from '../../../src/jobs/outbox/messages.js';
import { renderMessage } from '../../../src/slack/blocks/scheduled/index.js';
import { blockKitProblems } from '../../support/block-kit.js';

const long = (n: number) => `<b>&${'长'.repeat(n)}`;
const board = (language: Language): BoardRef => ({
  code: 'RECT',
  name: `Rectification ${long(90)}`,
  timezone: 'Asia/Shanghai',
  language,
});
const line = (i: number): ProblemLine => ({
  key: `RECT-${i}`,
  title: long(150),
  status: 'in_progress',
  deadline: '2026-12-20',
  daysOverdue: i % 3,
  percent: 40,
  health: i % 2 ? 'at_risk' : null,
  lastUpdate: '2026-11-10',
});
const owners = (n: number) =>
  listed(
    Array.from({ length: n }, (_, i) => ({
      userId: `U${1000 + i}`,
      keys: Array.from({ length: 50 }, (_, k) => `RECT-${k}`),
    })),
    100,
  );
const round = { number: 24, startDate: '2026-11-23', endDate: '2026-12-06', reportBy: '2026-12-04' };
const today = '2026-11-23';
const overdue = (i: number) => ({
  key: `RECT-${i}`,
  title: long(150),
  ownerId: `U${i}`,
  unit: long(200),
  deadline: '2026-11-01',
  days: 22,
});
const deadline = (i: number) => ({
  key: `RECT-${i}.${i}`,
  problemKey: `RECT-${i}`,
  text: long(1000),
  ownerId: `U${i}`,
  deadline: '2026-12-01',
  isMeasure: i % 2 === 0,
});

/** Every kind of scheduler message with as much data as it can carry. */
function huge(lang: Language): OutboundMessage[] {
  const b = board(lang);
  return [
    {
      kind: 'prompt',
      board: b,
      today,
      round,
      total: 45,
      page: 3,
      pages: 3,
      problems: Array.from({ length: 20 }, (_, i) => line(i)),
    },
    {
      kind: 'nudge',
      board: b,
      today,
      round,
      problems: listed(Array.from({ length: 45 }, (_, i) => line(i)).slice(0, 20), 20),
    },
    { kind: 'nudge-channel', board: b, today, round, owners: owners(5000) },
    { kind: 'round-open', board: b, today, round, owners: owners(5000) },
    {
      kind: 'digest',
      board: b,
      today,
      round,
      total: 2000,
      byStatus: { open: 500, in_progress: 500, closeout_requested: 500, closed: 500 },
      closedThisRound: {
        items: Array.from({ length: 30 }, (_, i) => ({ key: `RECT-${i}`, title: long(150) })),
        total: 400,
      },
      overdue: { items: Array.from({ length: 30 }, (_, i) => overdue(i)), total: 900 },
      notReported: owners(3000),
      silentProblems: 1500,
    },
    { kind: 'reminder', board: b, today, item: deadline(2), problemTitle: long(150), daysLeft: 3, inChannel: false },
    { kind: 'reminder', board: b, today, item: deadline(3), problemTitle: long(150), daysLeft: 0, inChannel: true },
    {
      kind: 'escalation',
      board: b,
      today,
      problem: { ...line(1), daysOverdue: 5, ownerId: 'U1', unit: long(200) },
      leaders: Array.from({ length: 50 }, (_, i) => `UL${i}`),
    },
    {
      kind: 'overdue-weekly',
      board: b,
      today,
      week: '2026-W48',
      problems: { items: Array.from({ length: 30 }, (_, i) => overdue(i)), total: 900 },
    },
    {
      kind: 'upcoming',
      board: b,
      today,
      from: '2026-11-23',
      to: '2026-12-06',
      items: { items: Array.from({ length: 30 }, (_, i) => deadline(i)), total: 300 },
    },
    { kind: 'failure-notice', board: b, today, target: 'C0BOARD', reason: 'not_in_channel' },
    {
      kind: 'effectiveness-check',
      board: b,
      today,
      checkId: 999_999_999,
      round: 9999,
      key: 'RECT-99999',
      title: long(500),
      ownerId: 'U1',
      closedOn: '2026-10-01',
      followUp: true,
      toLeader: true,
    },
    {
      kind: 'recurrence',
      board: b,
      today,
      checkId: 1,
      key: 'RECT-1',
      title: long(500),
      ownerId: 'U1',
      reportedBy: 'U2',
      reason: long(3000),
      closedOn: '2026-10-01',
    },
  ];
}

describe('scheduler message builders', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`stay within Block Kit limits with huge data (${lang})`, () => {
      const calls = huge(lang).map((m, i) => {
        const r = renderMessage(m);
        expect(r.text.length, m.kind).toBeGreaterThan(0);
        expect(r.text.length).toBeLessThanOrEqual(4000);
        return { method: 'chat.postMessage', args: { channel: 'C1', text: r.text, blocks: r.blocks }, at: i };
      });
      expect(blockKitProblems(calls)).toEqual([]);
    });
  }

  it('escapes user text and says how many more there are', () => {
    const all = huge('en').map((m) => JSON.stringify(renderMessage(m).blocks));
    // mrkdwn is escaped (plain_text headers need not be).
    const mrkdwn = all.flatMap((json) =>
      [...json.matchAll(/"type":"mrkdwn","text":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!),
    );
    expect(mrkdwn.length).toBeGreaterThan(50);
    expect(mrkdwn.join()).not.toContain('<b>');
    expect(mrkdwn.join()).toContain('&lt;b&gt;&amp;');
    expect(all[4]).toContain('… and 370 more'); // closed this round: 400 − 30
    expect(all[4]).toContain('… and 2,900 more'); // owners not reported: 3,000 − 100
  });

  it('writes natural Chinese for zh-CN boards', () => {
    const [prompt, , , , digest] = huge('zh-CN').map((m) => JSON.stringify(renderMessage(m)));
    expect(prompt).toContain('第 24 轮进展更新（11月23日 – 12月6日）· 请于 12月4日周五 前报送');
    expect(prompt).toContain('您负责 45 个未销号问题');
    expect(prompt).toContain('报送进展');
    expect(digest).toContain('本轮销号');
    expect(digest).toContain('已销号 500 个（25%）');
  });
});
