import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from '../../src/config/env.js';
import { createDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { systemClock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/logging/logger.js';
import { createBoard } from '../../src/services/boards.js';
import { createProblem } from '../../src/services/problems.js';
import { ACTION } from '../../src/slack/ids.js';
import { startSlackApp } from '../../src/slack/app.js';
import { FakeSlack } from '../support/fake-slack.js';
import { SIGNING_SECRET, commandBody, interactionBody, postSigned } from '../support/slack-requests.js';

export interface AckFigures {
  kind: string;
  count: number;
  p50: number;
  p95: number;
  max: number;
}

const TEAM = 'T0BENCH';
const LEADER = 'UBLEADER';
const OWNER = 'UBOWNER';

function figures(kind: string, ms: number[]): AckFigures {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { kind, count: ms.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

/**
 * How fast the real app acknowledges Slack (HTTP response to a signed request) while it does the slow work
 * after the ack, on a board with `problems` problems and a fake Slack answering in `latencyMs`.
 */
export async function benchAcks(opts: { problems: number; rounds: number; latencyMs: number }): Promise<AckFigures[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-acks-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  migrate(url);
  const db = createDb(url);
  const fake = await new FakeSlack().start();
  fake.teamId = TEAM;
  fake.latencyMs = opts.latencyMs; // every Web API call is slow, as Slack's are: the ack must not wait for them
  const deps = { db, clock: systemClock, admins: new Set([LEADER]) };
  const env = parseEnv({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'silent',
  });
  const running = await startSlackApp({
    env: { ...env, SLACK_BOT_TOKEN: 'xoxb-bench' },
    deps,
    logger: createLogger('silent'),
    port: 0,
  });
  const events = `http://127.0.0.1:${running.port}/slack/events`;
  const leader = { teamId: TEAM, userId: LEADER };
  try {
    await createBoard(deps, leader, {
      code: 'BENCH',
      name: 'Bench',
      timezone: 'Asia/Shanghai',
      language: 'en',
      leaders: [LEADER],
      anchorDate: '2026-11-16',
    });
    for (let i = 0; i < opts.problems; i++) {
      await createProblem(deps, leader, 'BENCH', {
        title: `Problem ${i + 1}`,
        ownerId: OWNER,
        deadline: '2027-01-31',
        measures: ['one', 'two'],
      });
    }
    const command = (text: string, user: string) =>
      postSigned(
        events,
        commandBody({ text, userId: user, teamId: TEAM, responseUrl: fake.responseUrl() }),
        'application/x-www-form-urlencoded',
      );
    const click = (actionId: string, value: string) =>
      postSigned(
        events,
        interactionBody({
          type: 'block_actions',
          team: { id: TEAM },
          user: { id: OWNER, team_id: TEAM },
          trigger_id: 'trigger',
          response_url: fake.responseUrl(),
          container: { type: 'message', channel_id: 'DBOWNER', message_ts: '1700000000.000001', is_ephemeral: false },
          actions: [{ type: 'button', action_id: actionId, block_id: 'sched.x', value, action_ts: '1' }],
        }),
        'application/x-www-form-urlencoded',
      );
    const kinds: [string, (i: number) => Promise<{ ms: number; status: number }>][] = [
      ['/closeout help', () => command('help', OWNER)],
      ['/closeout list all', () => command('list all', LEADER)],
      ['/closeout show KEY', (i) => command(`show BENCH-${(i % opts.problems) + 1}`, OWNER)],
      ['/closeout summary', () => command('summary', LEADER)],
      ['/closeout report KEY (modal)', (i) => command(`report BENCH-${(i % opts.problems) + 1}`, OWNER)],
      ['No change button', (i) => click(ACTION.noChange, `BENCH-${(i % opts.problems) + 1}`)],
    ];
    const out: AckFigures[] = [];
    await command('help', OWNER); // warm-up
    for (const [kind, send] of kinds) {
      const ms: number[] = [];
      for (let i = 0; i < opts.rounds; i++) {
        const r = await send(i);
        if (r.status !== 200) throw new Error(`${kind}: HTTP ${r.status}`);
        ms.push(r.ms);
      }
      out.push(figures(kind, ms));
    }
    return out;
  } finally {
    await running.stop();
    await fake.stop();
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
