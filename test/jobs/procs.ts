import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface CliRun {
  child: ChildProcess;
  /** Exit code (null when killed), stdout and stderr. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

/** `closeout <args…>` in its own Node process, as an operator (or a second instance) would run it. */
export function spawnCli(args: string[], env: Record<string, string>, opts: { timeoutMs?: number } = {}): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/cli/main.ts'), ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>(
    (resolve) =>
      child.on('close', (code, signal) => {
        clearTimeout(killer);
        resolve({ code, signal, out, err });
      }),
  );
  return { child, done };
}
