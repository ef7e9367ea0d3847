import assert from 'node:assert/strict';
import { isoDate, timeOfDay, updateInput } from '../../src/domain/inputs.js';
import {
  boardCodeWord,
  LEADING_USER_MENTION,
  PROBLEM_KEY_PATTERN,
  SLACK_USER_PATTERN,
  USER_MENTION,
} from '../../src/domain/keys.js';
import { chineseNumber, parseReply } from '../../src/domain/reply-parser.js';
import { HEALTHS } from '../../src/domain/types.js';
import {
  columnForHeader,
  parseMechanisms,
  parseMeasures,
  parseOutcome,
  parseStatus,
} from '../../src/services/csv-format.js';
import { DATE_ORDERS, parseDateCell } from '../../src/services/import-dates.js';
import { OwnerResolver, type WorkspaceUser } from '../../src/services/import-owners.js';
import { keyValue } from '../../src/slack/parsers/block-action.js';
import { parseUserMessage } from '../../src/slack/parsers/chat-reply.js';
import { parseCommandText, SUBCOMMANDS, tokenize } from '../../src/slack/parsers/command-text.js';
import { parseExportArgs } from '../../src/slack/parsers/export-args.js';
import { parseSharedListFile } from '../../src/slack/parsers/import-file.js';
import { splitLines } from '../../src/slack/parsers/lines.js';
import { parseListArgs } from '../../src/slack/parsers/list-args.js';
import { parseSummaryArgs } from '../../src/slack/parsers/summary-args.js';

/**
 * Every parser of text a person types or uploads, each with a check that its result is well formed. Shared
 * by the seeded fuzz (test/domain/parsers-fuzz.test.ts) and the bench's worst-case parse time.
 */
export interface TextParser {
  name: string;
  /** Parses the text and checks what came back (throws on a malformed result). */
  run(text: string): unknown;
}

/** A 500-member workspace for the owner column (names share letters, so "did you mean" has work to do). */
function workspace(): WorkspaceUser[] {
  const given = ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Li', 'Qiang', 'Lei', 'Jun', 'Yang'];
  const family = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou'];
  return Array.from({ length: 500 }, (_, i) => ({
    id: `U${String(i).padStart(6, '0')}`,
    handle: `${family[i % 10]}.${given[Math.floor(i / 10) % 10]}${i}`.toLowerCase(),
    realName: `${family[i % 10]} ${given[Math.floor(i / 10) % 10]}`,
    displayName: `${'王李张刘陈杨黄赵吴周'[i % 10]}${'伟芳娜敏静丽强磊军洋'[Math.floor(i / 10) % 10]}`,
    email: `user${i}@example.gov.cn`,
  }));
}

const strings = (xs: unknown) => Array.isArray(xs) && xs.every((x) => typeof x === 'string');

export function textParsers(): TextParser[] {
  const people = workspace();
  // A fresh resolver per cell: its cache and its "did you mean" budget must not hide a slow cell.
  const directory = {
    lookupByEmail: async (email: string) => people.find((p) => p.email === email) ?? null,
    listUsers: async () => people,
  };
  return [
    {
      name: 'parseReply',
      run: (text) => {
        // Without board codes every `XX-1` is a key: more tokens, the most work.
        const r = parseReply(text);
        assert.ok(r.keys.every((k) => PROBLEM_KEY_PATTERN.test(k)));
        assert.ok(r.percent === null || (Number.isInteger(r.percent) && r.percent >= 0 && r.percent <= 100));
        assert.ok(r.health === null || HEALTHS.includes(r.health));
        assert.ok(r.note.length <= text.length);
        assert.equal(typeof r.acknowledgement, 'boolean');
      },
    },
    {
      name: 'chineseNumber',
      run: (text) => {
        const n = chineseNumber(text);
        assert.ok(n === null || Number.isFinite(n));
      },
    },
    {
      name: 'parseUserMessage',
      run: (text) => {
        const m = parseUserMessage({ type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text, ts: '1.2' });
        assert.ok(m === null || m.text.length <= 40_000);
      },
    },
    {
      name: 'tokenize',
      run: (text) => {
        const words = tokenize(text);
        assert.ok(strings(words));
        assert.ok(words.reduce((n, w) => n + w.length, 0) <= text.length);
      },
    },
    {
      name: 'parseCommandText',
      run: (text) => {
        const r = parseCommandText(text);
        if (r.ok) assert.ok(SUBCOMMANDS.includes(r.sub));
        else assert.ok(r.suggestion === null || SUBCOMMANDS.includes(r.suggestion));
      },
    },
    {
      name: 'parseListArgs',
      run: (text) => {
        const r = parseListArgs(text);
        assert.ok(r.ok ? typeof r.query === 'object' : typeof r.error.kind === 'string');
      },
    },
    {
      name: 'parseSummaryArgs / parseExportArgs',
      run: (text) => {
        const args = tokenize(text);
        const summary = parseSummaryArgs(args);
        assert.equal(typeof summary.ok, 'boolean');
        const exported = parseExportArgs(args);
        assert.equal(typeof exported.ok, 'boolean');
      },
    },
    {
      name: 'boardCodeWord',
      run: (text) => assert.equal(typeof boardCodeWord(text).code, 'string'),
    },
    {
      name: 'parseSharedListFile',
      run: (text) => {
        const f = parseSharedListFile({
          type: 'message',
          subtype: 'file_share',
          channel: 'D1',
          channel_type: 'im',
          user: 'U1',
          text,
          ts: '1.2',
          files: [{ id: 'F1', name: 'list.xlsx' }],
        });
        assert.equal(f?.fileId, 'F1');
      },
    },
    {
      name: 'keys and mentions',
      run: (text) => {
        assert.ok([keyValue(text)].every((k) => k === null || PROBLEM_KEY_PATTERN.test(k)));
        for (const re of [USER_MENTION, LEADING_USER_MENTION, SLACK_USER_PATTERN, PROBLEM_KEY_PATTERN])
          assert.equal(typeof re.test(text), 'boolean');
      },
    },
    {
      name: 'date, time and percent inputs',
      run: (text) => {
        for (const order of DATE_ORDERS) assert.equal(typeof parseDateCell(text, order).ok, 'boolean');
        assert.equal(typeof isoDate.safeParse(text).success, 'boolean');
        assert.equal(typeof timeOfDay.safeParse(text).success, 'boolean');
        const update = updateInput.safeParse({ health: 'on_track', percent: Number(text), note: text });
        assert.equal(typeof update.success, 'boolean');
      },
    },
    {
      name: 'spreadsheet cells (headers, statuses, measures, outcomes, mechanisms, lines)',
      run: (text) => {
        columnForHeader(text);
        parseStatus(text);
        parseOutcome(text);
        assert.ok(strings(parseMechanisms(text)));
        assert.ok(parseMeasures(text).every((m) => typeof m.text === 'string'));
        assert.ok(strings(splitLines(text).items));
      },
    },
    {
      name: 'owner cell',
      run: async (text) => {
        // Cells are bounded before matching, so also try the longest one that is matched in full.
        for (const cell of [text, text.slice(0, 320)]) {
          const r = await new OwnerResolver(directory).resolve(cell);
          if (r.ok) assert.ok(r.id === '' || SLACK_USER_PATTERN.test(r.id));
          else assert.ok(r.message.length < 2_000);
        }
      },
    },
  ];
}

/** mulberry32: the same inputs on every run, so a failure can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The longest message Slack sends (SLACK_INPUT_MAX.messageText). */
export const MESSAGE_MAX = 40_000;

/**
 * Tokens of each parser's grammar: acknowledgements, keys, percentages and their prefixes, health words and
 * negations, quotes, `key:` words, mentions, e-mail and name pieces, dates and times, list markers.
 */
const TOKENS = [
  '嗯',
  '嗯嗯',
  'ok',
  'okay ',
  'thank you',
  '谢谢你',
  '明白了',
  '!',
  '"',
  '“',
  '”',
  '"a ',
  '“a ',
  '“ ',
  'a:“ ',
  'RECT-',
  'RECT-1',
  'rect－1.',
  'RECT-1.1',
  'A-1',
  '完成',
  '完成 ',
  '完成：',
  '进度',
  '百分之',
  '六十',
  '60%',
  '6',
  '1.',
  '.',
  ' ',
  '\t',
  '\n',
  '\r\n',
  'on track',
  'at-risk',
  'not ',
  '无',
  '有风险',
  'and ',
  '<@',
  '<@U1',
  '<@U123|',
  '<!channel>',
  '<',
  '>',
  '*',
  ':',
  '：',
  ':+1',
  'a@',
  '@',
  'a.',
  '@a.',
  'Wang ',
  '王',
  'board:',
  '清单：',
  'board:RECT ',
  'by:',
  '按',
  'category:"',
  'k:',
  '2023-',
  '2023年',
  '8月',
  '31日',
  ' 0:00',
  '0',
  '-',
  'U0',
  '[x] ',
  '- ',
  '1. ',
  '（1）',
  "'",
  '=',
  '🙂',
  'İ',
] as const;
/** What may end a run of one token and make a pattern fail after it has matched the whole run. */
const SUFFIXES = ['?', 'x', '"', '%', '>', '\u0000', '🙂'];
const SCRIPTS = ['汉字', 'Latin', 'кириллица', 'العربية', 'ひらがな', '한글', 'émoji🙂', '\u202e', '\u00a0', '\u3000'];

export interface Adversarial {
  /** How the input was made, for the failure message. */
  label: string;
  text: string;
}

/**
 * 40,000-character inputs made to be slow: each grammar token repeated then a rejecting suffix, two tokens
 * alternating, tokens and scripts mixed at random, and unbalanced `<`, `>` and `*`.
 */
export function adversarialInputs(seed: number, length = MESSAGE_MAX): Adversarial[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const fill = (unit: string, suffix: string) =>
    unit.repeat(Math.ceil(length / unit.length)).slice(0, length - suffix.length) + suffix;
  const inputs: Adversarial[] = [];
  for (const token of TOKENS) {
    const suffix = pick(SUFFIXES);
    inputs.push({ label: `${JSON.stringify(token)} × n + ${JSON.stringify(suffix)}`, text: fill(token, suffix) });
  }
  for (let i = 0; i < 12; i++) {
    const pair = `${pick(TOKENS)}${pick(TOKENS)}`;
    inputs.push({ label: `${JSON.stringify(pair)} × n`, text: fill(pair, pick(SUFFIXES)) });
  }
  for (let i = 0; i < 6; i++) {
    let text = '';
    while (text.length < length) text += rnd() < 0.3 ? pick(SCRIPTS) : pick(TOKENS);
    inputs.push({ label: `mixed #${i}`, text: text.slice(0, length) });
  }
  for (const unit of ['<', '>', '*', '<@U1|', '*<', '>*'])
    inputs.push({ label: `unbalanced ${unit}`, text: fill(unit, 'x') });
  return inputs;
}
