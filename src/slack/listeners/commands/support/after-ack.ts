import pLimit from 'p-limit';

/**
 * The work a slash command does after its ack, a bounded number at a time. Where acks are answered by the
 * same event loop (tests, the playground: runtime/one-thread.ts), hundreds of commands' queries and Web API calls
 * interleaving on it made a new request wait behind all of them (issue 12: acks of seconds in a burst); on
 * the engine thread of npm start it bounds how much of a burst is half-done at once. Queued work starts as
 * soon as a slot frees, in arrival order. Four: a command spends most of its time waiting for Slack, so four
 * keep a burst's answers coming (~100 a second against a Slack answering in 20 ms); and between two looks at
 * the network the loop runs at most four commands' synchronous steps (each query is one: db/client.ts yields
 * before it). The bench measured 2, 4 and 8: 8 doubled the ack p99 under a burst of summaries, 2 halved the
 * throughput.
 */
export const AFTER_ACK_CONCURRENCY = 4;

const limit = pLimit(AFTER_ACK_CONCURRENCY);

export function afterAck<T>(work: () => Promise<T>): Promise<T> {
  return limit(work);
}
