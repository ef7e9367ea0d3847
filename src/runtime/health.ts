import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client.js';

/** A database that has not answered `SELECT 1` by then counts as unreachable (a load balancer's probe waits less). */
const DATABASE_TIMEOUT_MS = 2_000;

/** True when the database answers `SELECT 1`. */
export function pingDatabase(db: Db): Promise<boolean> {
  return db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
}

async function answersInTime(check: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A database answer is reused for this long: a flood of /healthz costs one query a second. */
const HEALTH_CACHE_MS = 1_000;

/**
 * One probe shared by concurrent callers, its answer reused for `cacheMs` after it settles: an
 * unauthenticated flood of /healthz does not compete with the listeners for the connection pool.
 */
export function sharedProbe(
  check: () => Promise<boolean>,
  cacheMs = HEALTH_CACHE_MS,
  now: () => number = Date.now,
): () => Promise<boolean> {
  let running: Promise<boolean> | null = null;
  let last: { at: number; answer: boolean } | null = null;
  return () => {
    if (last && now() - last.at < cacheMs) return Promise.resolve(last.answer);
    running ??= answersInTime(check).then((answer) => {
      last = { at: now(), answer };
      running = null;
      return answer;
    });
    return running;
  };
}

/**
 * GET /healthz: 200 when the process is up and the database answers, 503 otherwise — and 503 once a graceful
 * stop began, so a load balancer sends new requests elsewhere while acknowledged work finishes. `database`
 * asks the database (in this thread, or in the engine thread that holds it); one probe at a time, its answer
 * kept for HEALTH_CACHE_MS.
 */
export function healthHandler(database: () => Promise<boolean>, stopping: () => boolean = () => false) {
  const probe = sharedProbe(database);
  return (_req: IncomingMessage, res: ServerResponse): void => {
    if (stopping()) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'stopping' }));
      return;
    }
    void probe().then((answers) => {
      res.writeHead(answers ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: answers ? 'ok' : 'degraded', database: answers ? 'ok' : 'unreachable' }));
    });
  };
}
