/**
 * Knobs for the reliability tests of `closeout import` (test/reliability/killed-import.test.ts), read from
 * the environment of the process under test: a small batch size, and a crash after a given number of rows
 * (the process sends itself SIGKILL once that many are committed: a kill point chosen, not timed).
 * Unset in production; nothing else reads them.
 */
interface ImportHooks {
  batchRows?: number;
  /** Called with the rows committed so far after each batch. */
  afterBatch?: (done: number) => void;
}

const positive = (text: string | undefined) => {
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

export function importHooks(env: NodeJS.ProcessEnv): ImportHooks {
  const batchRows = positive(env.CLOSEOUT_TEST_IMPORT_BATCH_ROWS);
  const killAfter = positive(env.CLOSEOUT_TEST_IMPORT_KILL_AFTER_ROWS);
  return {
    ...(batchRows && { batchRows }),
    ...(killAfter && {
      afterBatch: (done: number) => {
        if (done >= killAfter) process.kill(process.pid, 'SIGKILL');
      },
    }),
  };
}
