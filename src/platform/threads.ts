import fs from 'node:fs';
import os from 'node:os';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker module next to the caller, for piscina. Compiled, that is `name.js`. Run from source (tsx,
 * vitest), it is `name.ts`, and the worker thread needs tsx as its loader: workers get no loader by themselves.
 */
export function workerModule(callerUrl: string, name: string): { filename: string; execArgv?: string[] } {
  const fromSource = callerUrl.endsWith('.ts');
  const filename = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, callerUrl).href;
  return fromSource ? { filename, execArgv: [...loaderArgs(process.execArgv), '--import', 'tsx'] } : { filename };
}

/** Options that take the next argument as their value. */
const LOADER_OPTIONS = new Set([
  '--require',
  '-r',
  '--import',
  '--loader',
  '--experimental-loader',
  '--conditions',
  '-C',
]);

/**
 * The process's options that say how modules load (tsx's hooks), for a worker run from source. The others
 * stay out: a worker refuses per-process V8 options such as `npm start`'s `--max-semi-space-size`
 * (ERR_WORKER_INVALID_EXEC_ARGV), and they apply to the whole process anyway.
 */
function loaderArgs(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const name = arg.split('=')[0]!;
    if (!LOADER_OPTIONS.has(name)) continue;
    out.push(arg);
    if (!arg.includes('=') && i + 1 < execArgv.length) out.push(execArgv[++i]!);
  }
  return out;
}

/**
 * A long-lived worker thread running the module `name` next to the caller (compiled or from source, as
 * workerModule). From source, tsx's loader is registered inside the thread before its entry is imported:
 * on Node 20 a worker's `--import` does not cover its own entry module.
 */
export function startWorkerThread(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const { filename, execArgv } = workerModule(callerUrl, name);
  if (!execArgv) return new Worker(new URL(filename), options);
  const entry = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(filename)}); })`;
  return new Worker(entry, { ...options, eval: true });
}

/** A worker's nice value: above the main thread's 0, so the scheduler prefers the thread that acks. */
export const WORKER_NICE = 10;

/**
 * Lowers the calling thread's CPU priority. Linux schedules each thread on its own, so a chart or a big
 * file on a worker leaves a busy core to the main thread, whose acks must go out within Slack's 3 s (on two
 * cores, a chart worker at full tilt doubled ack times). Elsewhere, or if not allowed, nothing changes.
 */
export function lowerThreadPriority(): number | null {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid)) return null;
    os.setPriority(tid, WORKER_NICE);
    return tid;
  } catch {
    return null;
  }
}

/**
 * Lowers the CPU priority of every thread of this process but the calling one (the front, whose acks must go
 * out at once): V8's helper threads, which do much of the engine's garbage collection, would otherwise
 * compete with it as equals. Threads started later inherit the priority of the thread that starts them.
 * Returns how many were lowered; Linux only, nothing elsewhere or if not allowed.
 */
export function lowerOtherThreadsPriority(): number {
  try {
    const self = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    let lowered = 0;
    for (const entry of fs.readdirSync('/proc/self/task')) {
      const tid = Number(entry);
      if (!Number.isInteger(tid) || tid === self) continue;
      try {
        os.setPriority(tid, WORKER_NICE);
        lowered += 1;
      } catch {
        // gone meanwhile
      }
    }
    return lowered;
  } catch {
    return 0;
  }
}
