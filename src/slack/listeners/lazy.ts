/**
 * A listener's handler, imported on its first call. The routing tables register every route at start but
 * load no handler module: the handlers and what only they use (most of blocks/, parsers/, notify/ and a
 * third of services/) were half the engine's modules, all on the way to a healthy /healthz (issue 21's cold
 * start). A module that fails to load fails that call, answered like any other failure by the kind's support.
 */
const loaders: (() => Promise<unknown>)[] = [];

export function lazy<A, R>(load: () => Promise<(args: A) => Promise<R>>): (args: A) => Promise<R> {
  let loaded: Promise<(args: A) => Promise<R>> | undefined;
  const get = () => (loaded ??= load());
  loaders.push(get);
  return async (args) => (await get())(args);
}

/**
 * Loads every handler not loaded yet, so the first click after a start does not wait for its module.
 * `npm start`'s engine calls it once it is ready (the front then answers /healthz); a module that fails to
 * load is left for its first call to report.
 */
export async function loadAllListeners(): Promise<void> {
  await Promise.allSettled(loaders.map((get) => get()));
}
