import pLimit from 'p-limit';

/**
 * The work a slash command does after its ack, a bounded number at a time. Acks are answered by the event
 * loop; with hundreds of commands' queries and Web API calls interleaving on it, a new request waited
 * behind all of them (issue 12: acks of seconds in a burst). Queued work starts as soon as a slot frees, in
 * arrival order; a burst is answered at the same total speed, and acks stay at Bolt's own.
 */
export const AFTER_ACK_CONCURRENCY = 8;

const limit = pLimit(AFTER_ACK_CONCURRENCY);

export function afterAck<T>(work: () => Promise<T>): Promise<T> {
  return limit(work);
}
