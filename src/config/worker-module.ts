/**
 * A worker module next to the caller, for piscina. Compiled, that is `name.js`. Run from source (tsx,
 * vitest), it is `name.ts`, and the worker thread needs tsx as its loader: workers get no loader by themselves.
 */
export function workerModule(callerUrl: string, name: string): { filename: string; execArgv?: string[] } {
  const fromSource = callerUrl.endsWith('.ts');
  const filename = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, callerUrl).href;
  return fromSource ? { filename, execArgv: [...process.execArgv, '--import', 'tsx'] } : { filename };
}
