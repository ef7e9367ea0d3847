import { describe, expect, it } from 'vitest';
import { AFTER_ACK_CONCURRENCY, afterAck } from '../../../../../src/slack/listeners/commands/support/after-ack.js';

describe('afterAck', () => {
  it('runs a bounded number of commands at once and every one of them in arrival order', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const work = (i: number) => async () => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return i;
    };
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => afterAck(work(i))));
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(most).toBe(AFTER_ACK_CONCURRENCY);
    expect(started).toEqual(results);
  });

  it('passes a failure to its caller and goes on with the rest', async () => {
    const failing = afterAck(() => Promise.reject(new Error('db down')));
    await expect(failing).rejects.toThrow('db down');
    expect(await afterAck(async () => 'next')).toBe('next');
  });
});
