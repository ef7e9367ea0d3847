import { adversarialInputs, MESSAGE_MAX, textParsers } from '../support/text-parsers.js';

/** The fuzz test's seed (test/domain/parsers-fuzz.test.ts): the same inputs. */
const SEED = 20261207;
const TRIALS = 3;

export interface ParseBench {
  /** The slowest parse, each (parser, input) taken at its best of TRIALS after a warm-up pass. */
  worstMs: number;
  parser: string;
  label: string;
  parses: number;
}

/**
 * Worst-case parse time of a 40,000-character message (the longest Slack sends) over every text parser and
 * every adversarial input of the fuzz test. A warm-up pass first (JIT, pattern compilation), then the best of
 * three per pair, so the figure is the parser's cost rather than a stray garbage collection on a busy machine.
 */
export async function benchParse(): Promise<ParseBench> {
  const parsers = textParsers();
  const inputs = adversarialInputs(SEED, MESSAGE_MAX);
  for (const parser of parsers) for (const input of inputs) await parser.run(input.text);
  const worst: ParseBench = { worstMs: 0, parser: '', label: '', parses: 0 };
  for (const parser of parsers) {
    for (const input of inputs) {
      let best = Infinity;
      for (let trial = 0; trial < TRIALS; trial++) {
        const started = performance.now();
        await parser.run(input.text);
        best = Math.min(best, performance.now() - started);
      }
      worst.parses += 1;
      if (best > worst.worstMs) Object.assign(worst, { worstMs: best, parser: parser.name, label: input.label });
    }
  }
  return worst;
}
