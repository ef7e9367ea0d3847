import type { SlackCall } from './fake-slack.js';
import type { TestApp } from './test-app.js';

/** Runs `act`, then waits for the first call to `method` after it that `match` accepts. */
export async function callAfter(
  app: TestApp,
  method: string,
  act: () => Promise<unknown>,
  match: (c: SlackCall) => boolean = () => true,
): Promise<SlackCall> {
  const before = app.fake.calls.length;
  await act();
  return app.fake.waitFor((calls) => calls.slice(before).find((c) => c.method === method && match(c)));
}

/** A message's fallback text and blocks, as one string to search. */
export const textOf = (c: SlackCall): string => `${String(c.args.text ?? '')} ${JSON.stringify(c.args.blocks ?? [])}`;

/** Lets work the app does after its ack finish (for asserting that something did *not* happen). */
export const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));
