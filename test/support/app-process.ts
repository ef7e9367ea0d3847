import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SIGNING_SECRET, postSigned, type PostResult } from './slack-requests.js';
import { freePort } from './free-port.js';

/**
 * A real Closeout instance (`src/main.ts`, as `npm start` runs it) in its own Node process, in HTTP mode on
 * a free loopback port, talking to a fake Slack. Several of them on one database are several instances
 * behind a load balancer.
 */
export interface AppProcess {
  child: ChildProcess;
  port: number;
  eventsUrl: string;
  baseUrl: string;
  /** What it logged (pino JSON lines). */
  output(): string;
  post(body: string, contentType: string): Promise<PostResult>;
  /** SIGTERM, then SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts an instance on `databaseUrl` (a test database must be ready: see `testDbReady`). */
export async function startAppProcess(opts: {
  databaseUrl: string;
  slackApiUrl: string;
  scheduler?: 'on' | 'off';
  env?: Record<string, string>;
  startTimeoutMs?: number;
}): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/main.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: opts.slackApiUrl,
      PORT: String(port),
      CLOSEOUT_SCHEDULER: opts.scheduler ?? 'off',
      DATABASE_POOL_SIZE: '4',
      LOG_LEVEL: 'info',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    child,
    port,
    baseUrl,
    eventsUrl: `${baseUrl}/slack/events`,
    output: () => output,
    post: (body, contentType) => postSigned(`${baseUrl}/slack/events`, body, contentType),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
    exited,
  };
  // Up once /healthz answers 200 (migrated, connected to Slack and the database).
  const deadline = Date.now() + (opts.startTimeoutMs ?? 90_000);
  let dead = false;
  void exited.then(() => (dead = true));
  for (;;) {
    if (dead) throw new Error(`the app process exited while starting:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.status === 200) return app;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await app.stop();
      throw new Error(`the app process did not start in time:\n${output}`);
    }
    await sleep(200);
  }
}
