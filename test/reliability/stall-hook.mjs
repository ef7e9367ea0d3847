import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import workerThreads, { isMainThread } from 'node:worker_threads';

/**
 * Loaded with `--import` into the bot's process by the reliability tests (bot-process.ts, `stallFile`). When
 * the test writes a number of milliseconds to CLOSEOUT_TEST_STALL_FILE, the engine thread's event loop
 * blocks for that long (Atomics.wait), as a listener stuck in synchronous work would block it. Nothing in
 * src/ knows about it. Node 20 runs no `--import` in a worker started from code (`eval`, as the engine is
 * from source), so the first such worker (the engine: main.ts starts it first) is given this module to
 * import before its own code. Plain JavaScript: it is imported there before tsx's loader is registered.
 */
const file = process.env.CLOSEOUT_TEST_STALL_FILE;

/** In the engine thread: looks for the file every 20 ms. */
export function stallWhenAsked() {
  if (!file) return;
  setInterval(() => {
    let ms;
    try {
      ms = Number(fs.readFileSync(file, 'utf8'));
      fs.rmSync(file);
    } catch {
      return; // nothing asked
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  }, 20).unref();
}

if (file && isMainThread) {
  const Original = workerThreads.Worker;
  let patched = false;
  class EngineWorker extends Original {
    constructor(code, options) {
      if (!patched && options?.eval && typeof code === 'string') {
        patched = true;
        const self = JSON.stringify(import.meta.url);
        code = `import(${self}).then((hook) => hook.stallWhenAsked()).then(() => { ${code} })`;
      }
      super(code, options);
    }
  }
  workerThreads.Worker = EngineWorker;
  syncBuiltinESMExports();
}
