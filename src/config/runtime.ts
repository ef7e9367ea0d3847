import v8 from 'node:v8';

/**
 * Prisma's query compiler is a WebAssembly module (~1.6 MB), compiled on the first query. V8 compiles it
 * twice by default: at once with its baseline compiler (Liftoff), then again, optimised, in the background;
 * the second compile took ~40 MB at its peak and ~15 MB for good, for no measurable gain in a command's CPU
 * time (issue 12's bench). Liftoff alone, then. Process-wide, and read when a module is compiled: call it
 * before the first query (the app's and the CLI's entry points do).
 */
export function leanWasm(): void {
  v8.setFlagsFromString('--liftoff-only');
}
