import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCloseout } from '../../src/services/closeout.js';
import { createProblem } from '../../src/services/problems.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { LEADER, OTHER, OWNER, seedBoard } from '../support/fixtures.js';
import type { PostResult } from '../support/slack-requests.js';
import { TestApp } from '../support/test-app.js';

/**
 * A seeded fuzz of what a hostile (or merely confused) member can send: slash-command texts, button clicks
 * and modal submissions with valid ids, junk values and forged metadata. Whatever arrives: no 5xx, no
 * unhandled rejection, and nothing changes that this member may not change.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const CONCURRENCY = 8;

/** mulberry32: the same inputs on every run, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(Number(process.env.FUZZ_SEED ?? 20261130));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const int = (n: number) => Math.floor(rnd() * n);

const NASTY = [
  '',
  ' ',
  'RECT-1',
  'rect-1',
  'RECT-2',
  'RECT-0',
  'RECT-99999999999',
  'NOPE-1',
  'RECT',
  'board:RECT',
  'board:NOPE',
  '@UOWNER',
  '<@UOWNER>',
  '<!channel>',
  '<@UOWNER|owner>',
  'category:"Traffic',
  'unit:',
  '1',
  '-1',
  '0',
  '2147483648',
  '1e309',
  'NaN',
  'null',
  '{}',
  '[]',
  '{"key":"RECT-1"}',
  '"',
  "'",
  '\\',
  '\u0000',
  '\u202e',
  '办证窗口',
  '🙂',
  '%',
  '100%',
  'x'.repeat(3_001),
  '9'.repeat(40),
  '1:RECT-1',
  '1:RECT-1:x',
  'true',
];
const WORDS = [
  'show',
  'list',
  'report',
  'close',
  'new',
  'board',
  'summary',
  'export',
  'help',
  'edit',
  'new RECT',
  'list all',
  'board edit',
  'board new',
  'bogus',
  'reopen',
];

function junk(): string {
  const parts = Array.from({ length: 1 + int(4) }, () =>
    rnd() < 0.2 ? String.fromCharCode(int(0xffff)) : pick(NASTY),
  );
  return parts.join(rnd() < 0.5 ? ' ' : '');
}

function commandText(): string {
  return rnd() < 0.15 ? junk() : `${pick(WORDS)} ${junk()}`.trim();
}

const ACTIONS = [...Object.values(ACTION), `${ACTION.chatPick}:0`, `${ACTION.chatPick}:99`, 'unknown.action', ''];
const CALLBACKS = [...Object.values(VIEW), 'modal.unknown', ''];
const BLOCKS = [
  'health',
  'percent',
  'note',
  'measures_done',
  'evidence',
  'title',
  'owner',
  'board',
  'reason',
  'code',
  'name',
  'deadline',
  'problem',
  'channel',
  'leaders',
];

function elementState(): Record<string, unknown> {
  switch (int(7)) {
    case 0:
      return { type: 'plain_text_input', value: rnd() < 0.2 ? null : junk() };
    case 1:
      return { type: 'static_select', selected_option: { value: junk(), text: { type: 'plain_text', text: 'x' } } };
    case 2:
      return { type: 'radio_buttons', selected_option: { value: pick(['on_track', 'at_risk', 'blocked', junk()]) } };
    case 3:
      return { type: 'number_input', value: pick(['50', '-5', '101', '1e3', junk()]) };
    case 4:
      return { type: 'users_select', selected_user: pick([OTHER.userId, OWNER.userId, junk()]) };
    case 5:
      return { type: 'datepicker', selected_date: pick(['2026-12-31', '2026-02-30', junk()]) };
    default:
      return { type: 'checkboxes', selected_options: [{ value: junk() }, { value: '1' }] };
  }
}

function metadata(): string {
  switch (int(6)) {
    case 0:
      return '';
    case 1:
      return junk();
    case 2:
      return JSON.stringify({ lang: pick(['en', 'zh-CN', 'xx']), key: pick(['RECT-1', 'RECT-2', junk()]) });
    case 3:
      return JSON.stringify({
        lang: 'en',
        key: 'RECT-1',
        channel: junk(),
        origin: {
          kind: pick(['card', 'prompt', 'request', 'home', 'x']),
          channel: 'C0HERE',
          ts: '1.2',
          responseUrl: pick(['https://evil.example/x', 'http://127.0.0.1:1/x', junk()]),
        },
      });
    case 4:
      return JSON.stringify({ requestId: pick([1, -1, 2 ** 40, junk()]), lang: 'en', origin: { kind: 'request' } });
    default:
      return JSON.stringify({ lang: 'en', board: pick(['RECT', junk()]), key: 'RECT-1' }).slice(0, 3000);
  }
}

let app: TestApp;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let before: string;

/** What OTHER must not be able to change, as one comparable string. */
async function protectedState(): Promise<string> {
  const db = app.db;
  const [boards, leaders, problems, measures, updates, requests, audits, replies] = await Promise.all([
    db.board.findMany({ orderBy: { id: 'asc' } }),
    db.boardLeader.findMany({ orderBy: [{ boardId: 'asc' }, { userId: 'asc' }] }),
    db.problem.findMany({ orderBy: { id: 'asc' } }),
    db.measure.findMany({ orderBy: { id: 'asc' } }),
    db.update.findMany({ orderBy: { id: 'asc' } }),
    db.closeoutRequest.findMany({ orderBy: { id: 'asc' } }),
    db.auditEvent.count(),
    db.chatReply.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ boards, leaders, problems, measures, updates, requests, audits, replies });
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // One member sends every request here, faster than the listeners finish them: under the default limits the
  // admission control would (rightly) turn part of the flood away with 503 (test/runtime/admission.test.ts).
  // This fuzz is about what the requests say, not how many there are, so the limits are out of its way.
  app = await TestApp.start({ limits: { maxQueue: 100_000, maxAgeMs: 600_000, perUser: 100_000 } });
  await seedBoard(app.deps);
  await createProblem(app.deps, LEADER, 'RECT', { title: 'Backlog', ownerId: OWNER.userId, measures: ['Hire'] });
  await createProblem(app.deps, LEADER, 'RECT', { title: 'Queue', ownerId: OWNER.userId });
  await requestCloseout(app.deps, OWNER, 'RECT-2', { evidence: 'done' });
  await app.db.chatReply.create({
    // Answered already (the bot asked which problem it is about) and waiting for the owner's pick: an unanswered
    // one would rightly be answered by the start's look for replies a dead process left (runtime/listener-app.ts).
    data: {
      teamId: OWNER.teamId,
      userId: OWNER.userId,
      channelId: 'DOWNER',
      ts: '1.000001',
      text: '50% RECT',
      answeredAt: app.deps.clock.now(),
    },
  });
  before = await protectedState();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await app.stop();
});

async function inParallel(n: number, work: (i: number) => Promise<PostResult>): Promise<PostResult[]> {
  const results: PostResult[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

describe(`a seeded fuzz of ${RUNS} requests from a member with no rights`, () => {
  it('never answers 5xx, never leaves a rejection unhandled, and changes nothing it may not', async () => {
    const commands = Math.floor(RUNS * 0.4);
    const clicks = Math.floor(RUNS * 0.35);
    const submissions = RUNS - commands - clicks;
    const results = [
      ...(await inParallel(commands, () => app.command(commandText(), OTHER.userId))),
      ...(await inParallel(clicks, () =>
        app.click({
          userId: OTHER.userId,
          actionId: pick(ACTIONS),
          value: rnd() < 0.3 ? pick(['RECT-1', 'RECT-2', '1', '2', '1:RECT-1', '1:RECT-2']) : junk(),
          ...(rnd() < 0.7 && {
            message: { channel: pick(['C0HERE', 'DOTHER', junk() || 'C1']), ts: pick(['1.000001', junk() || '1']) },
          }),
          ...(rnd() < 0.1 && { selected: junk() || 'x' }),
        }),
      )),
      ...(await inParallel(submissions, () =>
        app.submit({
          userId: OTHER.userId,
          callbackId: pick(CALLBACKS),
          privateMetadata: metadata(),
          values: Object.fromEntries(
            Array.from({ length: int(6) }, () => [pick(BLOCKS), { [pick([...BLOCKS, 'x'])]: elementState() }]),
          ),
        }),
      )),
    ];
    expect(results).toHaveLength(RUNS);
    const errors = results.filter((r) => r.status >= 500).map((r) => `${r.status} ${r.text.slice(0, 200)}`);
    expect(errors).toEqual([]);
    // Let work started after the acks finish before looking.
    for (let i = 0; i < 200 && app.running.inFlight.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
    expect(await protectedState()).toBe(before);
  }, 600_000);
});
