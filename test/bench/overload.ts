import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { commandBody } from '../support/slack-requests.js';
import { closeoutEntry, startServer } from './procs.js';
import { startFake } from './prompts.js';
import { benchOwner, seedBoard } from './seed.js';

/**
 * Issue 20: Closeout (`npm start`'s entry, its own process) takes slash commands at twice the rate it can
 * answer them. Slack never retries a request that was acked, so every command must be either answered (its
 * response_url posted to) or visibly refused in its ack ("Closeout is busy"): the figure is the commands
 * acked with an empty body and never answered (goal 0).
 */
export interface OverloadFigures {
  rate: number;
  commands: number;
  /** Acked with an empty body: taken on. */
  taken: number;
  /** Acked with the "busy" answer. */
  busy: number;
  /** Not a 200 (a 503, a connection the client gave up on…): not acked, so Slack would retry or say so. */
  errors: number;
  /** Taken on and never answered. */
  lost: number;
  /** From the first command to the last answer. */
  drainMs: number;
}

const TEAM = 'T0TEST';
const OWNERS = 50;

export async function benchOverload(opts: {
  rate: number;
  commands: number;
  latencyMs: number;
}): Promise<OverloadFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-overload-'));
  const url = `file:${path.join(dir, 'overload.db')}`;
  migrate(url);
  const db = createDb(url);
  await seedBoard(db, { teamId: TEAM, code: 'LOAD', owners: OWNERS, perOwner: () => 20 });
  await db.$disconnect();
  const fake = await startFake(opts.latencyMs);
  const entry = closeoutEntry();
  const server = await startServer(entry.args, {
    ...entry.env,
    DATABASE_URL: url,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: fake.apiUrl,
    CLOSEOUT_SCHEDULER: 'off',
    LOG_LEVEL: 'error',
  });
  try {
    const responseUrl = (i: number) => `${fake.apiUrl.replace(/api\/$/, '')}response/overload-${i}`;
    const started = performance.now();
    // `list mine` by 50 owners, each on schedule whatever the previous ones do.
    const acks = await Promise.all(
      Array.from({ length: opts.commands }, async (_, i) => {
        await sleep((i * 1000) / opts.rate);
        const body = commandBody({
          text: 'list mine',
          userId: benchOwner(i % OWNERS),
          teamId: TEAM,
          responseUrl: responseUrl(i),
        });
        try {
          const res = await server.post(body);
          return { i, status: res.status, text: res.text };
        } catch {
          return { i, status: 0, text: '' }; // not answered at all (the client gave up): Slack would retry
        }
      }),
    );
    const taken = acks.filter((a) => a.status === 200 && a.text === '').map((a) => a.i);
    const busy = acks.filter((a) => a.status === 200 && a.text.includes('busy')).length;
    // Every answer that can come has come once all are in, or nothing new came for 2 s (at most 2 minutes).
    let answered = new Set<string>();
    const all = () => taken.every((i) => answered.has(`/response/overload-${i}`));
    for (const until = performance.now() + 120_000; ;) {
      const before = answered.size;
      answered = new Set(await fake.responses());
      if (all() || (before > 0 && answered.size === before) || performance.now() > until) break;
      await sleep(2_000);
    }
    const drainMs = performance.now() - started;
    return {
      rate: opts.rate,
      commands: opts.commands,
      taken: taken.length,
      busy,
      errors: acks.filter((a) => a.status !== 200).length,
      lost: taken.filter((i) => !answered.has(`/response/overload-${i}`)).length,
      drainMs,
    };
  } catch (error) {
    process.stderr.write(server.output());
    throw error;
  } finally {
    await server.stop();
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
