import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cyclePrompts } from '../../src/jobs/cycle-prompts.js';
import { activeBoards, AWAITING } from '../../src/jobs/job-data.js';
import { channelRoster, ownerPages, problemsOf } from '../../src/jobs/owner-pages.js';
import { TEAM, seedBoard } from '../support/fixtures.js';
import { harness, problem, type Harness } from '../support/jobs.js';

/** Board RECT (seedBoard): round 1 opens 2026-11-16 at 01:00Z (see jobs.test.ts). */
const PROMPT_0 = '2026-11-16T01:00:00Z';

let h: Harness;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  await seedBoard(h.deps);
});
afterEach(() => h.stop());

/** `n` problems for `ownerId` in one write, deadlines from `first` on (one a day), numbered after `from`. */
async function many(ownerId: string, n: number, from: number, first = '2027-01-01') {
  const board = await h.deps.db.board.findFirstOrThrow({ where: { code: 'RECT' } });
  const day = (i: number) => new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
  await h.deps.db.problem.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      teamId: TEAM,
      boardId: board.id,
      number: from + i,
      key: `RECT-${from + i}`,
      title: `Problem ${from + i}`,
      ownerId,
      deadline: day(n - 1 - i), // numbered against urgency: the order must come from the deadline
      createdBy: 'ULEADER',
    })),
  });
}

const awaiting = async () => {
  const board = await h.deps.db.board.findFirstOrThrow({ where: { code: 'RECT' } });
  return { teamId: TEAM, boardId: board.id, status: { in: [...AWAITING] } };
};

describe('reading a board a page of owners at a time', () => {
  it('pages through owners in ID order with their counts, each owner on one page only', async () => {
    for (const owner of ['UOWNE', 'UOWNA', 'UOWNC', 'UOWNB', 'UOWND']) await problem(h.deps, owner);
    await problem(h.deps, 'UOWNC');
    const pages = [];
    for await (const page of ownerPages(h.deps.db, await awaiting(), 2)) pages.push(page);
    expect(pages).toEqual([
      [
        { ownerId: 'UOWNA', count: 1 },
        { ownerId: 'UOWNB', count: 1 },
      ],
      [
        { ownerId: 'UOWNC', count: 2 },
        { ownerId: 'UOWND', count: 1 },
      ],
      [{ ownerId: 'UOWNE', count: 1 }],
    ]);
  });

  it('reads each owner’s most urgent problems, at most `limit`, whether read alone or with others', async () => {
    await many('UBIG', 120, 1);
    await many('USMALL', 3, 200, '2026-12-01');
    const owners = [
      { ownerId: 'UBIG', count: 120 },
      { ownerId: 'USMALL', count: 3 },
    ];
    const found = await problemsOf(h.deps.db, await awaiting(), owners, 40);
    expect(found.get('UBIG')!.map((p) => p.key)).toEqual(Array.from({ length: 40 }, (_, i) => `RECT-${120 - i}`));
    expect(found.get('USMALL')!.map((p) => p.key)).toEqual(['RECT-202', 'RECT-201', 'RECT-200']);
    // Without a limit, every problem (a nudge keeps all the owner's keys).
    expect((await problemsOf(h.deps.db, await awaiting(), owners)).get('UBIG')).toHaveLength(120);
  });

  it('lists a channel post’s owners by their most urgent problem, counts the rest, and keeps every key', async () => {
    // 105 owners, one problem each; owner i's deadline is i days after the first, so U104 is the most urgent.
    const board = await h.deps.db.board.findFirstOrThrow({ where: { code: 'RECT' } });
    await h.deps.db.problem.createMany({
      data: Array.from({ length: 105 }, (_, i) => ({
        teamId: TEAM,
        boardId: board.id,
        number: i + 1,
        key: `RECT-${i + 1}`,
        title: `Problem ${i + 1}`,
        ownerId: `U${String(i).padStart(3, '0')}`,
        deadline: new Date(Date.parse('2027-01-01T00:00:00Z') + (104 - i) * 86_400_000).toISOString().slice(0, 10),
        createdBy: 'ULEADER',
      })),
    });
    await h.deps.db.board.update({ where: { id: board.id }, data: { nextProblemNumber: 106 } });
    await problem(h.deps, 'U104', { deadline: null }); // a second one, no deadline: listed after the first
    const roster = await channelRoster(h.deps.db, await awaiting());
    expect(roster.keys).toHaveLength(106);
    expect(roster.keys.slice(0, 2)).toEqual(['RECT-105', 'RECT-104']);
    expect(roster.owners.total).toBe(105);
    expect(roster.owners.items).toHaveLength(100);
    expect(roster.owners.items[0]).toEqual({ userId: 'U104', keys: ['RECT-105', 'RECT-106'] });
    expect(roster.owners.items.at(-1)).toEqual({ userId: 'U005', keys: ['RECT-6'] });
  });
});

describe('cycle prompts, page by page', () => {
  it('yields one batch per page of owners, leaving out owners already prompted', async () => {
    for (const owner of ['UOWNA', 'UOWNB', 'UOWNC', 'UOWND', 'UOWNE']) await problem(h.deps, owner);
    const [board] = await activeBoards(h.deps.db, TEAM);
    const batches = async () => {
      const keys: string[][] = [];
      const ctx = { db: h.deps.db, at: new Date(PROMPT_0), boards: [board!], pageSize: 2 };
      for await (const batch of cyclePrompts.plan(ctx)) keys.push(batch.map((m) => m.key.split(':').at(-1)!));
      return keys;
    };
    expect(await batches()).toEqual([['UOWNA', 'UOWNB'], ['UOWNC', 'UOWND'], ['UOWNE']]);
    await h.run(PROMPT_0, 'cycle-prompts');
    await problem(h.deps, 'UOWNF'); // came after the round opened: still owed its prompt
    expect(await batches()).toEqual([['UOWNF']]);
  });

  it('records and sends a page before it reads the next: the first DM goes out while later owners are unplanned', async () => {
    h.jobDeps.tuning = { ...h.jobDeps.tuning, sendPage: 2 };
    const owners = ['UOWNA', 'UOWNB', 'UOWNC', 'UOWND', 'UOWNE', 'UOWNF'];
    for (const owner of owners) await problem(h.deps, owner);
    h.fake.on('chat.postMessage', () => ({ late: 200 }));
    const run = h.run(PROMPT_0, 'cycle-prompts');
    await h.fake.waitForCall('chat.postMessage');
    expect(await h.deps.db.delivery.count()).toBe(2);
    const report = await run;
    expect(report.planned).toEqual(owners.map((o) => `prompt:RECT:cycle-0:${o}`));
    expect(report.sent.sort()).toEqual(report.planned);
    expect(await h.deps.db.delivery.count({ where: { state: 'sent' } })).toBe(6);
  });
});

describe('update nudges, page by page', () => {
  it('nudges every owner once with all their keys, and lists every owner in the channel', async () => {
    await h.deps.db.board.updateMany({ data: { nudgesTo: 'both' } });
    h.jobDeps.tuning = { ...h.jobDeps.tuning, sendPage: 2 };
    const owners = ['UOWNA', 'UOWNB', 'UOWNC'];
    for (const owner of owners) await problem(h.deps, owner);
    const second = await problem(h.deps, 'UOWNB', { deadline: '2026-11-20' });
    const report = await h.run('2026-11-27T01:00:00Z', 'update-nudges');
    expect(report.sent.sort()).toEqual([...owners.map((o) => `nudge:RECT:cycle-0:${o}`), 'nudge:RECT:cycle-0:channel']);
    const keysOf = async (key: string) =>
      JSON.parse((await h.deps.db.delivery.findUniqueOrThrow({ where: { dedupeKey: key } })).problemKeys!) as string[];
    expect(await keysOf('nudge:RECT:cycle-0:UOWNB')).toEqual([second.key, 'RECT-2']);
    expect(await keysOf('nudge:RECT:cycle-0:channel')).toHaveLength(4);
    expect((await h.run('2026-11-27T01:00:00Z', 'update-nudges')).sent).toEqual([]);
  });
});
