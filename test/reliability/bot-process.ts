import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SIGNING_SECRET } from '../support/slack-requests.js';
import { freePort } from '../support/free-port.js';

export interface BotProcess {
  child: ChildProcess;
  port: number;
  eventsUrl: string;
  /** Resolves with the exit code (null when killed) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; out: string }>;
}

/** `npm start` as production runs it (src/main.ts), in its own process, against a fake Slack and a test database. */
export async function startBot(env: {
  databaseUrl: string;
  apiUrl: string;
  scheduler?: 'on' | 'off';
  /** The engine's event loop blocks for N ms whenever N is written to this file (stall-hook.mjs). */
  stallFile?: string;
  /** More settings (SHUTDOWN_TIMEOUT_MS…). */
  env?: Record<string, string>;
}): Promise<BotProcess> {
  const port = await freePort();
  const hook = env.stallFile ? ['--import', path.resolve('test/reliability/stall-hook.mjs')] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...hook, path.resolve('src/main.ts')], {
    env: {
      ...process.env,
      ...env.env,
      ...(env.stallFile && { CLOSEOUT_TEST_STALL_FILE: env.stallFile }),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: env.apiUrl,
      DATABASE_URL: env.databaseUrl,
      PORT: String(port),
      CLOSEOUT_SCHEDULER: env.scheduler ?? 'off',
      CLOSEOUT_ADMINS: 'UADMIN',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = ''; // the log
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  const killer = setTimeout(() => child.kill('SIGKILL'), 180_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; out: string }>(
    (resolve) =>
      child.on('close', (code, signal) => {
        clearTimeout(killer);
        resolve({ code, signal, err, out });
      }),
  );
  // Up once /healthz answers 200 (bounded: a bot that never comes up fails the test, not the run).
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (i > 600 || child.exitCode !== null) throw new Error(`the bot did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, eventsUrl: `http://127.0.0.1:${port}/slack/events`, exited };
}

/** Ends a bot a test started (SIGKILL if it is still running) and waits for its exit; no bot: nothing to do. */
export async function killBot(bot: BotProcess | undefined): Promise<void> {
  if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await bot?.exited;
}
