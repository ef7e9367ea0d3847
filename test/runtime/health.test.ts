import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDb } from '../../src/db/postgres.js';
import { healthHandler, pingDatabase, sharedProbe } from '../../src/runtime/health.js';

// A database nobody answers for: /healthz says so with a 503, quickly, whatever the database.
let closedPort: number;
let server: http.Server;
const db = () => createPostgresDb(`postgresql://postgres@127.0.0.1:${closedPort}/closeout`, { poolSize: 1 });
let unreachable: ReturnType<typeof db>;

beforeAll(async () => {
  closedPort = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port)); // nothing listens there any more
    });
  });
  unreachable = db();
  server = http.createServer((req, res) => void healthHandler(() => pingDatabase(unreachable))(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await unreachable.$disconnect();
});

describe('GET /healthz', () => {
  it('answers 503 with database "unreachable" when the database cannot be reached, within a few seconds', async () => {
    const { port } = server.address() as net.AddressInfo;
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('the database probe behind /healthz', () => {
  it('is shared by concurrent callers and its answer kept a second', async () => {
    let now = 0;
    let asked = 0;
    let answer!: (up: boolean) => void;
    const probe = sharedProbe(
      () => {
        asked++;
        return new Promise<boolean>((resolve) => (answer = resolve));
      },
      1_000,
      () => now,
    );
    const concurrent = [probe(), probe(), probe()];
    expect(asked).toBe(1);
    answer(true);
    expect(await Promise.all(concurrent)).toEqual([true, true, true]);
    now = 999;
    expect(await probe()).toBe(true);
    expect(asked).toBe(1);
    now = 1_000;
    const next = probe();
    expect(asked).toBe(2);
    answer(false);
    expect(await next).toBe(false);
  });
});
