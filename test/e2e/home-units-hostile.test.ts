import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';

/**
 * The App Home's per-unit table (issue 24) on boards with 500 units whose names are 2,000 characters (kept
 * from before the 200-character limit, or written to the database by hand), some made of mentions and
 * markup, on ten boards the leader leads: still valid Block Kit, inside Slack's limits, pinging nobody.
 */
const UNITS = 500;
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start({ at: '2026-11-25T02:00:00Z' });
  for (let b = 0; b < 10; b++) {
    const code = b === 0 ? 'ABIG' : `B${b}`;
    await seedBoard(app.deps, { code, channelId: `C0B${b}` });
    const count = b === 0 ? UNITS : 8;
    for (let i = 0; i < count; i++)
      await createProblem(app.deps, LEADER, code, {
        title: `P${i}`,
        ownerId: OWNER.userId,
        unit: `u${i}`,
        deadline: '2026-11-01',
        measures: [],
      });
  }
  // Names no form takes any more, as a database may still hold them.
  const rows = await app.db.problem.findMany({ select: { id: true, unit: true } });
  for (const r of rows)
    await app.db.problem.update({
      where: { id: r.id },
      data: { unit: `<!channel> <@UVICTIM> *${r.unit}* ${'单位'.repeat(995)}` },
    });
}, 180_000);
afterAll(async () => {
  await app.stop();
});

describe('App Home per-unit table, hostile and huge', () => {
  it('is valid Block Kit within limits, bounded, and mentions nobody', { timeout: 60_000 }, async () => {
    const before = app.fake.callsTo('views.publish').length;
    await app.event({ type: 'app_home_opened', user: LEADER.userId, channel: 'DLEADER', tab: 'home', event_ts: '1.1' });
    const call = await app.fake.waitForCall('views.publish', before + 1, 30_000);
    expect(blockKitProblems([call])).toEqual([]);
    const blocks = (call.args.view as { blocks: { text?: { text: string } }[] }).blocks;
    expect(blocks.length).toBeLessThanOrEqual(100);
    const tables = blocks.filter((b) => b.text?.text.startsWith('*By responsible unit*'));
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) {
      expect(t.text!.text.length).toBeLessThanOrEqual(3000);
      expect(t.text!.text).not.toMatch(/<[!@]/);
    }
    expect(tables.some((t) => t.text!.text.includes(`${UNITS - 6} more units`))).toBe(true);
    expect(JSON.stringify(call.args.view).length).toBeLessThan(250_000);
  });
});
