import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import type { Message } from '../../src/playground/stand-in/workspace.js';
import { startPlayground, type RunningPlayground } from '../../src/playground/start.js';
import { ACTION } from '../../src/slack/ids.js';

// Issue 23: the playground shows the effectiveness DM after time travel. The demo board checks 30 days after
// a closeout; travelling round by round brings the owner's "has the fix held?" DM, which the page's own API
// answers as a click in the page would.

interface Button {
  type: string;
  action_id: string;
  value?: string;
}
interface ActionsBlock {
  type: string;
  block_id?: string;
  elements?: Button[];
}

const buttonsOf = (m: Message) =>
  ((m.blocks ?? []) as ActionsBlock[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id ?? '' })));

describe('time travel in the playground brings the effectiveness check (issue 23)', () => {
  let playground: RunningPlayground;
  const post = async (route: string, body: unknown) => {
    const res = await fetch(`${playground.url}/pg/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { ok?: boolean; error?: string };
  };
  const asks = () =>
    playground.workspace.messages.filter((m) =>
      buttonsOf(m).some((b) => b.action_id === ACTION.fixHeld && m.channel.startsWith('D')),
    );

  beforeAll(async () => {
    playground = await startPlayground({
      port: 0,
      logger: createLogger('warn'),
      databaseUrl: `file:${path.join(inject('testDbDir'), `playground-effectiveness-${process.pid}.db`)}`,
      scheduler: false,
    });
  }, 120_000);
  afterAll(() => playground.stop());

  it('a few rounds on, an owner is asked whether the fix held, and Held is recorded', async () => {
    expect(asks()).toEqual([]);
    for (let i = 0; i < 4 && asks().length === 0; i++)
      expect(await post('travel', { to: 'round' })).toMatchObject({ ok: true });
    const ask = asks()[0];
    expect(ask).toBeDefined();
    const held = buttonsOf(ask!).find((b) => b.action_id === ACTION.fixHeld)!;
    const owner = playground.workspace.channels.get(ask!.channel)?.user;
    expect(owner).toMatch(/^U/);
    expect(await post('action', { user: owner, channel: ask!.channel, ts: ask!.ts, action: held })).toMatchObject({
      ok: true,
    });
    // The DM is rewritten with the answer (after the click's ack) and no buttons left.
    const answered = () => {
      const after = playground.workspace.find(ask!.channel, ask!.ts)!;
      return !buttonsOf(after).some((b) => b.action_id === ACTION.fixHeld);
    };
    for (let i = 0; i < 200 && !answered(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(answered()).toBe(true);
    expect(JSON.stringify(playground.workspace.find(ask!.channel, ask!.ts)!.blocks)).toMatch(/held|有效/i);
  }, 180_000);
});
