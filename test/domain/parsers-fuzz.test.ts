import { describe, expect, it } from 'vitest';
import { startWorkerThread } from '../../src/platform/threads.js';
import type { FuzzReport } from '../support/parsers-fuzz-worker.js';
import { MESSAGE_MAX } from '../support/text-parsers.js';

/**
 * A seeded fuzz of every text parser (test/support/text-parsers.ts) with 40,000-character inputs made to be
 * slow, the longest message Slack sends: repeated tokens of each grammar, mixed scripts, unbalanced `<`, `>`
 * and `*`. Each parse must return a well-formed result within one second: far above what a linear parse takes
 * (milliseconds) and far below what a super-linear one does (`嗯` × 45 then `?` took the old reply parser 33 s
 * at 40 characters; quadratic scans take many seconds at 40,000). The parses run on a worker thread, so one
 * that never returns is stopped and named rather than hanging the run. Replay with PARSERS_FUZZ_SEED=<seed>.
 */
const SEED = Number(process.env.PARSERS_FUZZ_SEED ?? 20261207);
const BOUND_MS = 1_000;
/** A parse silent for this long is taken as hung (the bound, plus room for a garbage collection). */
const HUNG_MS = 3 * BOUND_MS;

interface Outcome {
  done: Extract<FuzzReport, { kind: 'done' }>[];
  failed: Extract<FuzzReport, { kind: 'failed' }>[];
  hung: Extract<FuzzReport, { kind: 'start' }> | null;
}

function fuzz(seed: number): Promise<Outcome> {
  const outcome: Outcome = { done: [], failed: [], hung: null };
  const worker = startWorkerThread(import.meta.url, '../support/parsers-fuzz-worker', { workerData: { seed } });
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      void worker.terminate().then(() => resolve(outcome));
    };
    worker.on('message', (report: FuzzReport) => {
      clearTimeout(timer);
      if (report.kind === 'start')
        timer = setTimeout(() => {
          outcome.hung = report;
          finish();
        }, HUNG_MS);
      else if (report.kind === 'done') outcome.done.push(report);
      else if (report.kind === 'failed') outcome.failed.push(report);
      else finish();
    });
    worker.on('error', reject);
  });
}

describe(`text parsers on adversarial ${MESSAGE_MAX}-character input (seed ${SEED})`, () => {
  it('each returns a well-formed result within a second', { timeout: 120_000 }, async () => {
    const { done, failed, hung } = await fuzz(SEED);
    const name = (r: { parser: string; label: string }) => `seed ${SEED}: ${r.parser} on ${r.label}`;
    expect(hung && `${name(hung)} did not return within ${HUNG_MS} ms`).toBeNull();
    expect(failed.map((f) => `${name(f)}: ${f.message}`)).toEqual([]);
    expect(done.filter((d) => d.ms >= BOUND_MS).map((d) => `${name(d)} took ${d.ms.toFixed(0)} ms`)).toEqual([]);
    // Every parser saw every input, at full length.
    expect(new Set(done.map((d) => d.parser)).size).toBeGreaterThanOrEqual(13);
    expect(done.every((d) => d.length === MESSAGE_MAX)).toBe(true);
  });
});
