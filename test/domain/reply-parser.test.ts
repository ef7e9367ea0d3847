import { describe, expect, it } from 'vitest';
import { chineseNumber, parseReply, type ParsedReply } from '../../src/domain/reply-parser.js';

type Expected = Partial<ParsedReply>;

const CASES: [string, Expected][] = [
  // Keys: case-insensitive, several, de-duplicated, measure keys name their problem but stay in the note
  ['OPS-12 60% hired two clerks', { keys: ['OPS-12'], percent: 60, health: null, note: 'hired two clerks' }],
  [
    'ops-12 60 % on-track hired two clerks',
    { keys: ['OPS-12'], percent: 60, health: 'on_track', note: 'hired two clerks' },
  ],
  ['OPS-12 and OPS-13 both 100%', { keys: ['OPS-12', 'OPS-13'], percent: 100, note: 'both' }],
  ['OPS-12, ops-12: done', { keys: ['OPS-12'], note: 'done' }],
  ['RECT-03 on track', { keys: ['RECT-3'], health: 'on_track', note: '' }],
  ['RECT-3.2 finished', { keys: ['RECT-3'], note: 'RECT-3.2 finished' }],
  ['hired two clerks for RECT-3 and more', { keys: ['RECT-3'], note: 'hired two clerks for RECT-3 and more' }],
  // Percentages
  ['60 percent, at risk', { percent: 60, health: 'at_risk', note: '' }],
  ['62.5% done', { percent: 63 }],
  ['150% of the budget was spent', { percent: null, note: '150% of the budget was spent' }],
  ['we are 60% done with hiring', { percent: 60, note: 'we are 60% done with hiring' }],
  ['from 40% to 60% this round', { percent: 40 }],
  [
    'RECT-3 完成60% 有风险 已招聘两名办事员',
    { keys: ['RECT-3'], percent: 60, health: 'at_risk', note: '已招聘两名办事员' },
  ],
  ['百分之六十五 受阻 等待财政拨款', { percent: 65, health: 'blocked', note: '等待财政拨款' }],
  ['进度：百分之百，正常', { percent: 100, health: 'on_track', note: '' }],
  ['完成了80％ 阻塞', { percent: 80, health: 'blocked', note: '' }],
  // Health words and their negations
  ['OPS-1 AT RISK: vendor late', { keys: ['OPS-1'], health: 'at_risk', note: 'vendor late' }],
  ['blocked — waiting for the permit office', { health: 'blocked', note: 'waiting for the permit office' }],
  ['still on track, training next week', { health: 'on_track', note: 'still on track, training next week' }],
  ['not blocked anymore, 40%', { health: null, percent: 40, note: 'not blocked anymore' }],
  ['无风险，进展顺利', { health: null, note: '无风险，进展顺利' }],
  ['进展正常，完成度：80%', { health: 'on_track', percent: 80, note: '' }],
  ['风险', { health: 'at_risk', note: '' }],
  // Label clauses in the middle or at the end go; the user's sentences stay
  [
    'Hired two clerks. 60%. Still at risk because of budget.',
    { percent: 60, health: 'at_risk', note: 'Hired two clerks. Still at risk because of budget.' },
  ],
  ['hired two clerks. 60%.', { note: 'hired two clerks.' }],
  [
    'RECT-3: hired two clerks, 60%, at risk',
    { keys: ['RECT-3'], percent: 60, health: 'at_risk', note: 'hired two clerks' },
  ],
  ['Line one\n60%\nLine two', { percent: 60, note: 'Line one\nLine two' }],
  // Nothing to pick up
  ['hired two clerks', { keys: [], percent: null, health: null, note: 'hired two clerks', acknowledgement: false }],
  ['thanks!', { acknowledgement: true }],
  ['收到，谢谢', { acknowledgement: true }],
  [':+1:', { acknowledgement: true, note: ':+1:' }],
  ['ok 60%', { acknowledgement: false, percent: 60 }],
];

describe('parseReply', () => {
  it.each(CASES)('%j', (text, expected) => {
    expect(parseReply(text)).toMatchObject(expected);
  });

  it('only takes keys of known boards when told them', () => {
    expect(parseReply('covid-19 slowed RECT-4 down', { boardCodes: ['RECT'] })).toMatchObject({
      keys: ['RECT-4'],
      note: 'covid-19 slowed RECT-4 down',
    });
    expect(parseReply('covid-19 slowed us').keys).toEqual(['COVID-19']);
  });

  it('reads a huge message of labels in time proportional to its length', () => {
    // 400,000 characters: a quadratic note builder needs tens of seconds here (0.45 s at 40,000).
    const huge = '1%,'.repeat(133_334);
    const started = performance.now();
    const parsed = parseReply(`hired two clerks ${huge} more next week`);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(parsed.percent).toBe(1);
    expect(parsed.note.startsWith('hired two clerks')).toBe(true);
  });
});

describe('chineseNumber', () => {
  it.each([
    ['五', 5],
    ['十', 10],
    ['十五', 15],
    ['六十', 60],
    ['六十五', 65],
    ['两', 2],
    ['百', 100],
    ['一百', 100],
    ['60', 60],
    ['六六', null],
  ] as const)('%s → %s', (s, n) => {
    expect(chineseNumber(s)).toBe(n);
  });
});
