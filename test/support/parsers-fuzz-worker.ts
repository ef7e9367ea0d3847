import { parentPort, workerData } from 'node:worker_threads';
import { adversarialInputs, textParsers } from './text-parsers.js';

/**
 * Runs every text parser over the adversarial inputs on a worker thread, reporting each parse before it starts
 * and when it ends, so the test can stop a parse that never returns (an exponential pattern does not) and
 * name it, instead of hanging.
 */
export type FuzzReport =
  | { kind: 'start'; parser: string; label: string }
  | { kind: 'done'; parser: string; label: string; ms: number; length: number }
  | { kind: 'failed'; parser: string; label: string; message: string }
  | { kind: 'end' };

const { seed } = workerData as { seed: number };
const post = (report: FuzzReport) => parentPort!.postMessage(report);
const inputs = adversarialInputs(seed);
for (const parser of textParsers()) {
  for (const input of inputs) {
    post({ kind: 'start', parser: parser.name, label: input.label });
    const started = performance.now();
    try {
      await parser.run(input.text);
    } catch (error) {
      post({ kind: 'failed', parser: parser.name, label: input.label, message: String(error) });
      continue;
    }
    const ms = performance.now() - started;
    post({ kind: 'done', parser: parser.name, label: input.label, ms, length: input.text.length });
  }
}
post({ kind: 'end' });
