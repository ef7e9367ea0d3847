import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Work acknowledged to Slack that is still running: listeners after their ack (a modal the user saw close,
 * a click, a typed reply) and what they start. A graceful stop waits for it, bounded, before the database
 * closes, so nothing acknowledged is dropped by a deploy.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  /** True once a stop began: new requests are turned away (Slack retries them elsewhere or later). */
  get stopping(): boolean {
    return this.closing;
  }

  get size(): number {
    return this.running.size;
  }

  /** Runs `work`, counted until it settles. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const p = work();
    this.running.add(p);
    const done = () => this.running.delete(p);
    p.then(done, done);
    return p;
  }

  /** Stops taking work and waits for what is running, at most `timeoutMs`; resolves true if all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.closing = true;
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await Promise.race([Promise.allSettled([...this.running]), sleep(Math.min(left, 1_000))]);
    }
    return true;
  }
}
