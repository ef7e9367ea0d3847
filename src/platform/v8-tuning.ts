import v8 from 'node:v8';

/**
 * V8 settings both entry points (the bot, `npm start`, and the CLI) take before their first query; V8
 * reads them when it compiles a module or sizes the heap, so setting them at run time works (issue 12's
 * bench measured each):
 * - Prisma's query compiler is a WebAssembly module (~1.6 MB), compiled on the first query. V8 compiles it
 *   twice by default: at once with its baseline compiler (Liftoff), then again, optimised, in the
 *   background; the second compile took ~40 MB at its peak and ~15 MB for good, for no measurable gain in a
 *   command's CPU time. Liftoff alone, then.
 * - By default V8 lets the heap grow to several times what is live before a full collection. Within 30 %
 *   of it, the bot under a burst of commands peaked ~100 MB lower, and a run of prompts to 5,000 owners
 *   (~35 MB live, garbage at every send) ~70 MB lower, for a few more collections of milliseconds each.
 */
export function leanRuntime(opts: { heap?: boolean } = {}): void {
  v8.setFlagsFromString('--liftoff-only');
  if (opts.heap !== false) leanHeap();
}

/**
 * The heap setting alone. `npm start` takes it once the bot is up: while the engine thread loads its
 * modules, every collection it would add is on the way to a healthy /healthz (~8 % of the start).
 */
export function leanHeap(): void {
  v8.setFlagsFromString('--heap-growing-percent=30');
}
