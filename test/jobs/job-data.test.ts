import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWNER, seedBoard } from '../support/fixtures.js';
import { harness, problem, textOf, type Harness } from '../support/jobs.js';

/** Board RECT (seedBoard) in channel C0BOARD; its first round's digest is due at DIGEST_0. */
const DIGEST_0 = '2026-11-30T01:00:00Z';

let h: Harness;
let privateChannels: Set<string>;
beforeEach(async () => {
  h = await harness('2026-11-10T00:00:00Z');
  privateChannels = new Set();
  h.fake.on('conversations.info', (args) => ({
    ok: true,
    channel: { id: args.channel, is_private: privateChannels.has(String(args.channel)) },
  }));
  await seedBoard(h.deps);
  await h.deps.db.board.updateMany({ data: { digestTo: 'channel' } });
});
afterEach(() => h.stop());

describe('a restricted board’s channel posts', () => {
  it('go to the leaders’ DMs, not a public channel anyone may join', async () => {
    await h.deps.db.board.updateMany({ data: { visibility: 'restricted' } });
    const secret = await problem(h.deps, OWNER.userId, { title: 'Secret title' });
    const report = await h.run(DIGEST_0, 'cycle-digest');
    expect(report.sent).toEqual(['digest:RECT:cycle-0:ULEADER']);
    expect(h.fake.messages.map((m) => m.channel)).toEqual(['DLEADER']);
    expect(textOf(h.fake.messages[0]!)).toContain(secret.key);
    expect(h.fake.messages.some((m) => m.channel === 'C0BOARD')).toBe(false);
  });

  it('go to a private channel (its members may read the board), and an open board’s to any channel', async () => {
    await h.deps.db.board.updateMany({ data: { visibility: 'restricted' } });
    privateChannels.add('C0BOARD');
    await problem(h.deps, OWNER.userId);
    expect((await h.run(DIGEST_0, 'cycle-digest')).sent).toEqual(['digest:RECT:cycle-0']);
    expect(h.fake.messages.map((m) => m.channel)).toEqual(['C0BOARD']);
  });

  it('of an open board go to its channel, public or not, without asking Slack', async () => {
    await problem(h.deps, OWNER.userId);
    expect((await h.run(DIGEST_0, 'cycle-digest')).sent).toEqual(['digest:RECT:cycle-0']);
    expect(h.fake.calls.filter((c) => c.method === 'conversations.info')).toEqual([]);
  });
});
