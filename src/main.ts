import { ConfigError } from './config/config-error.js';
import { leanHeap, leanRuntime } from './platform/v8-tuning.js';
import { wantsPlayground } from './config/start-mode.js';
import { lowerOtherThreadsPriority, startWorkerThread } from './platform/threads.js';
import { EngineLink } from './runtime/engine-link.js';

/**
 * `npm start`: the bot on two threads — the engine (a worker: settings, database, listeners, scheduler;
 * runtime/engine-thread.ts) and the front (this thread: Slack's requests and their acks; runtime/front.ts) — and a
 * clean shutdown on SIGTERM/SIGINT. This thread loads only what the front needs (see runtime/engine-link.ts).
 */
async function main(): Promise<void> {
  leanRuntime({ heap: false });
  if (wantsPlayground(process.env)) {
    // Loaded only here: the playground (web server, stand-in Slack) is not part of a production process.
    const [{ parseEnv }, { runPlayground }] = await Promise.all([
      import('./config/env.js'),
      import('./playground/run.js'),
    ]);
    const env = parseEnv(process.env);
    const logLevel = process.env.LOG_LEVEL ? env.LOG_LEVEL : undefined;
    await runPlayground({ port: env.PORT, language: env.CLOSEOUT_LANGUAGE, logLevel, out: process.stdout });
    process.exit(0);
  }

  // The engine first: it checks the settings and opens the database while this thread loads the front.
  const worker = startWorkerThread(import.meta.url, 'runtime/engine-thread');
  const engine = new EngineLink(worker);
  let stopping = false;
  worker.on('error', (error) => {
    process.stderr.write(`Closeout's engine thread failed: ${error.stack ?? error.message}\n`);
    engine.lost(error);
  });
  worker.on('exit', (code) => {
    engine.lost(new Error(`the engine thread exited (${code})`));
    // Not asked to: nothing would answer Slack's requests any more; the process manager starts a new one.
    if (!stopping) process.exit(1);
  });
  const [{ startSlackFront }, { createLogger }, { DRAIN_MS }] = await Promise.all([
    import('./runtime/front.js'),
    import('./logging/logger.js'),
    import('./runtime/door.js'),
  ]);

  const { teamId, settings } = await engine.ready;
  // Started: from now on the front's acks go first, and the heap stays lean (not before: starting is the
  // engine's critical path to a healthy /healthz).
  lowerOtherThreadsPriority();
  leanHeap();
  const logger = createLogger(settings.LOG_LEVEL);
  const front = await startSlackFront({ settings, logger, engine, teamId });

  const timeoutMs = settings.SHUTDOWN_TIMEOUT_MS ?? DRAIN_MS;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, timeoutMs }, 'shutting down');
    // Whatever happens, the process is gone by the deadline (the engine may be stuck in synchronous work).
    setTimeout(() => {
      logger.error('shutdown timeout reached; exiting with work unfinished');
      process.exit(1);
    }, timeoutMs).unref();
    // Stop taking requests, let acknowledged work finish, then the engine's scheduler and database: all of it
    // within the timeout, less a moment to exit.
    const clean = await front.stop(Math.max(0, timeoutMs - 250));
    process.exit(clean ? 0 : 1);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Closeout failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
