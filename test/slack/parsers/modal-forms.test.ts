import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { parseBoardEdit, parseNewBoard } from '../../../src/slack/parsers/board.js';
import { parseCloseout } from '../../../src/slack/parsers/closeout.js';
import { splitLines } from '../../../src/slack/parsers/lines.js';
import { decodeMetadata, encodeMetadata } from '../../../src/slack/parsers/modal-metadata.js';
import { parseNewProblem } from '../../../src/slack/parsers/new-problem.js';
import { parseReport } from '../../../src/slack/parsers/report.js';
import { parseViewValues, type ViewValues } from '../../../src/slack/parsers/view-state.js';

const en = translator('en');
const zh = translator('zh-CN');

const text = (value: string | null) => ({ a: { type: 'plain_text_input', value } });
const select = (value: string | null) => ({
  a: { type: 'static_select', selected_option: value === null ? null : { value } },
});
const many = (values: string[]) => ({
  a: { type: 'checkboxes', selected_options: values.map((value) => ({ value })) },
});

function values(v: Record<string, Record<string, Record<string, unknown>>>): ViewValues {
  return parseViewValues(v);
}

describe('splitLines', () => {
  it('keeps one item per non-empty line, without list markers, and remembers the line numbers', () => {
    expect(
      splitLines('1. Hire two clerks\n\n- Open a second window\n（3）每周通报\n2、整改\n• done\n2026年完成'),
    ).toEqual({
      items: ['Hire two clerks', 'Open a second window', '每周通报', '整改', 'done', '2026年完成'],
      lineNumbers: [1, 3, 4, 5, 6, 7],
    });
  });
});

describe('modal metadata', () => {
  it('round-trips and tolerates foreign or missing metadata', () => {
    const meta = {
      lang: 'zh-CN' as const,
      channel: 'C1',
      key: 'RECT-1',
      origin: { kind: 'card' as const, channel: 'C1', ts: '1.2' },
    };
    expect(decodeMetadata(encodeMetadata(meta), 'en')).toEqual(meta);
    expect(decodeMetadata('', 'en')).toEqual({ lang: 'en' });
    expect(decodeMetadata('not json', 'zh-CN')).toEqual({ lang: 'zh-CN' });
    expect(decodeMetadata('{"lang":"fr"}', 'en')).toEqual({ lang: 'en' });
  });
});

describe('new problem form', () => {
  const good = {
    board: select('RECT'),
    title: text(' Backlog '),
    description: text(null),
    category: select('Traffic'),
    source: text(''),
    owner: { a: { type: 'users_select', selected_user: 'UOWNER' } },
    unit: text('Traffic brigade'),
    deadline: { a: { type: 'datepicker', selected_date: '2026-12-20' } },
    measures: text('1. Hire two clerks\n2. Open a second window\n\n3. Weekly report'),
  };

  it('reads every field into the shared problem schema', () => {
    const parsed = parseNewProblem(en, values(good));
    expect(parsed).toEqual({
      ok: true,
      data: {
        boardCode: 'RECT',
        problem: {
          title: 'Backlog',
          description: '',
          category: 'Traffic',
          source: null,
          ownerId: 'UOWNER',
          unit: 'Traffic brigade',
          deadline: '2026-12-20',
          measures: ['Hire two clerks', 'Open a second window', 'Weekly report'],
        },
      },
    });
  });

  it('maps every problem to its block, naming the input line of a bad measure', () => {
    const parsed = parseNewProblem(
      en,
      values({
        ...good,
        board: select(null),
        title: text('  '),
        owner: { a: { type: 'users_select', selected_user: null } },
        measures: text(`ok\n\n${'m'.repeat(1001)}`),
      }),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        board: 'Please fill this in.',
        title: 'Please fill this in.',
        owner: 'Please fill this in.',
        measures: 'Line 3: please keep each line to 1,000 characters or fewer.',
      },
    });
  });

  it('speaks Chinese', () => {
    const parsed = parseNewProblem(zh, values({ ...good, title: text('') }));
    expect(parsed).toEqual({ ok: false, errors: { title: '请填写此项。' } });
  });
});

describe('report form', () => {
  it('reads health, percent, note and measures', () => {
    const parsed = parseReport(
      en,
      values({
        health: select('at_risk'),
        percent: text('60'),
        note: text(' hired two clerks '),
        measures_done: many(['2', '3']),
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      data: { health: 'at_risk', percent: 60, note: 'hired two clerks', measuresDone: [2, 3] },
    });
  });

  it('works without a measures block (no measures)', () => {
    expect(parseReport(en, values({ health: select('on_track'), percent: text('0'), note: text(null) }))).toMatchObject(
      { ok: true, data: { measuresDone: [] } },
    );
  });

  it('refuses a missing health, a percent out of range and a note over 3000 characters', () => {
    const parsed = parseReport(
      en,
      values({ health: select(null), percent: text('150'), note: text('n'.repeat(3001)) }),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        health: 'Please fill this in.',
        percent: 'Enter a whole number from 0 to 100.',
        note: 'Please keep this to 3,000 characters or fewer.',
      },
    });
    expect(parseReport(zh, values({ health: select('on_track'), percent: text('') }))).toEqual({
      ok: false,
      errors: { percent: '请填写此项。' },
    });
    expect(parseReport(en, values({ health: select('on_track'), percent: text('4.5') }))).toEqual({
      ok: false,
      errors: { percent: 'Enter a whole number from 0 to 100.' },
    });
  });
});

describe('closeout form', () => {
  it('requires the evidence', () => {
    expect(parseCloseout(en, values({ evidence: text(' done ') }))).toEqual({
      ok: true,
      data: { evidence: 'done', files: [] },
    });
    expect(parseCloseout(en, values({ evidence: text(null) }))).toEqual({
      ok: false,
      errors: { evidence: 'Please fill this in.' },
    });
  });
});

describe('board form', () => {
  const good = {
    code: text('ops'),
    name: text('Ops findings'),
    channel: { a: { type: 'conversations_select', selected_conversation: 'C0OPS' } },
    timezone: select('Asia/Shanghai'),
    language: select('zh-CN'),
    leaders: { a: { type: 'multi_users_select', selected_users: ['ULEADER'] } },
    cycle_days: text('14'),
    anchor_date: { a: { type: 'datepicker', selected_date: '2026-11-16' } },
    prompt_time: { a: { type: 'timepicker', selected_time: '09:30' } },
    deadline: { a: { type: 'datepicker', selected_date: null } },
    categories: text('Livelihood services\nBusiness environment\nLivelihood services'),
  };

  it('reads a new board (code upper-cased, categories de-duplicated)', () => {
    expect(parseNewBoard(en, values(good))).toMatchObject({
      ok: true,
      data: {
        code: 'OPS',
        name: 'Ops findings',
        channelId: 'C0OPS',
        timezone: 'Asia/Shanghai',
        language: 'zh-CN',
        leaders: ['ULEADER'],
        cycleDays: 14,
        anchorDate: '2026-11-16',
        promptTime: '09:30',
        deadline: null,
        categories: ['Livelihood services', 'Business environment'],
      },
    });
  });

  it('maps bad values to their blocks', () => {
    const parsed = parseNewBoard(en, values({ ...good, code: text('1x'), cycle_days: text('0'), name: text('') }));
    expect(parsed).toEqual({
      ok: false,
      errors: {
        code: 'Use 2–10 capital letters or digits, starting with a letter (e.g. RECT).',
        name: 'Please fill this in.',
        cycle_days: 'Enter a whole number of days from 1 to 90.',
      },
    });
  });

  it('an edit sets what the modal shows and leaves out categories it could not show', () => {
    const { code: _code, categories: _categories, ...rest } = good;
    expect(parseBoardEdit(en, values(rest))).toMatchObject({
      ok: true,
      data: { name: 'Ops findings', leaders: ['ULEADER'], deadline: null },
    });
    const parsed = parseBoardEdit(en, values(rest));
    expect(parsed.ok && 'categories' in parsed.data).toBe(false);
  });
});
