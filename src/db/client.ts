import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { Mutex } from 'async-mutex';
import { PrismaClient } from './generated/client.js';
import { sqlitePath } from './kind.js';
import { LOCK_WAIT_MS, SYNC_BUSY_TIMEOUT_MS, waitForLock } from './sqlite-lock-wait.js';

export type Db = PrismaClient;

/** How long a transaction may queue for the one connection (and another process's write lock) to start. */
const START_WAIT_MS = LOCK_WAIT_MS + 2_000;

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;
type Query = Parameters<Adapter['queryRaw']>[0];

const sql = (text: string): Query => ({ sql: text, args: [], argTypes: [] });

/**
 * The better-sqlite3 adapter shares one connection per process, but only serialises transactions against
 * each other: a plain query issued while an interactive transaction is open runs *inside* it (and is undone
 * if it rolls back). This wrapper makes plain queries wait for open transactions, and makes each
 * transaction take the write lock at its start (like BEGIN IMMEDIATE), so that with several processes a
 * writer waits for the lock instead of failing after it has read. That wait is asynchronous (sqlite-lock-wait):
 * between attempts the in-process lock is released, so reads and /healthz go on while a writer waits.
 */
function serialised(adapter: Adapter): Adapter {
  const lock = new Mutex();
  const wrapTransaction = (tx: Transaction, release: () => void): Transaction => {
    let released = false;
    const done = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    return new Proxy(tx, {
      get(target, prop) {
        if (prop === 'commit' || prop === 'rollback') {
          return async () => {
            try {
              await target[prop]();
            } finally {
              done();
            }
          };
        }
        if (prop === 'queryRaw') return (q: Query) => turn(() => target.queryRaw(q));
        if (prop === 'executeRaw') return (q: Query) => turn(() => target.executeRaw(q));
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === 'queryRaw')
        return (q: Query) => turn(() => waitForLock(() => lock.runExclusive(() => target.queryRaw(q))));
      if (prop === 'executeRaw')
        return (q: Query) => turn(() => waitForLock(() => lock.runExclusive(() => target.executeRaw(q))));
      if (prop === 'startTransaction') {
        return (isolationLevel?: Parameters<Adapter['startTransaction']>[0]) =>
          waitForLock(async () => {
            const release = await lock.acquire();
            let tx: Transaction | undefined;
            try {
              tx = await target.startTransaction(isolationLevel);
              // The adapter began a deferred transaction; swap it for an immediate one before anything runs.
              await tx.executeRaw(sql('COMMIT'));
              await tx.executeRaw(sql('BEGIN IMMEDIATE'));
              return wrapTransaction(tx, release);
            } catch (error) {
              if (tx) await tx.rollback().catch(() => undefined);
              release();
              throw error;
            }
          });
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * better-sqlite3 answers synchronously, so the promise of a query is already settled when it returns: a
 * command's chain of queries would run to its end as one block of microtasks, and requests arriving
 * meanwhile (other commands' acks, /healthz) would wait for all of it. One turn of the event loop before each
 * query lets them in between; it costs microseconds.
 */
async function turn<T>(query: () => Promise<T>): Promise<T> {
  await nextTurn();
  return query();
}

/** A Prisma client over better-sqlite3. The file's folder is created if missing; WAL is set by `migrate`. */
export function createDb(databaseUrl: string): Db {
  const file = sqlitePath(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const factory = new PrismaBetterSqlite3({ url: file, timeout: SYNC_BUSY_TIMEOUT_MS });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => serialised(await connect());
  // Transactions queue for the one connection, so give them time to start; imports run long.
  return new PrismaClient({ adapter: factory, transactionOptions: { maxWait: START_WAIT_MS, timeout: 60_000 } });
}
