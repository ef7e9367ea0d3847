import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SIGNING_SECRET, postSigned, type PostResult } from '../support/slack-requests.js';
import { freePort } from '../support/free-port.js';

/** A server process under measure: its start time, memory (from /proc) and signed POSTs to it. */
export interface BenchProcess {
  child: ChildProcess;
  startMs: number;
  post(body: string): Promise<PostResult>;
  /** Resident memory now and its high-water mark since start, in MB (Linux /proc). */
  memory(): { rssMb: number; peakMb: number };
  output(): string;
  stop(): Promise<void>;
}

/** VmRSS and VmHWM of a running process, in MB; zeros once it is gone. */
export function procMemory(pid: number | undefined): { rssMb: number; peakMb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: 0, peakMb: 0 };
  }
}

/**
 * Closeout as `npm start` runs it: compiled (dist/main.js) when built, so start time is not transpiling;
 * from source through tsx otherwise (then the floor runs through tsx as well, to compare like with like).
 * With the Node flags and environment variables that package.json's start script gives
 * (`NAME=value … node <flags> dist/main.js`).
 */
export function closeoutEntry(): { args: string[]; env: Record<string, string>; compiled: boolean } {
  const dist = path.resolve('dist/main.js');
  const { flags, env } = startCommand();
  return fs.existsSync(dist)
    ? { args: [...flags, dist], env, compiled: true }
    : { args: [...flags, '--import', 'tsx', path.resolve('src/main.ts')], env, compiled: false };
}

/** The Node flags and environment of `npm start` (package.json's start script). */
export function startCommand(): { flags: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  const env = Object.fromEntries(
    words
      .filter((word) => /^[A-Z_]+=/.test(word))
      .map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]),
  );
  return { flags: words.filter((word) => word.startsWith('--')), env };
}

export function floorEntry(compiled: boolean): string[] {
  const file = path.resolve('test/bench/bare-bolt.mjs');
  return compiled ? [file] : ['--import', 'tsx', file];
}

/** Spawns `node args…` listening on a free port and waits until GET /healthz answers 200 (the start time). */
export async function startServer(args: string[], env: Record<string, string>): Promise<BenchProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), SLACK_SIGNING_SECRET: SIGNING_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (output = (output + c).slice(-20_000)));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (output = (output + c).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let dead = false;
  void exited.then(() => (dead = true));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (dead) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  for (;;) {
    if (dead) throw new Error(`${args.join(' ')} exited while starting:\n${output}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 90_000) {
      await stop();
      throw new Error(`${args.join(' ')} did not start in time:\n${output}`);
    }
    await sleep(10);
  }
  const startMs = performance.now() - started;
  return {
    child,
    startMs,
    post: (body) => postSigned(`${base}/slack/events`, body, 'application/x-www-form-urlencoded'),
    memory: () => procMemory(child.pid),
    output: () => output,
    stop,
  };
}
