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

/**
 * GET /healthz: 200 when the process is up and the database answers, 503 otherwise — and 503 once a graceful
 * stop began, so a load balancer sends new requests elsewhere while acknowledged work finishes. `database`
 * asks the database (in this thread, or in the engine thread that holds it).
 */
export function healthHandler(database: () => Promise<boolean>, stopping: () => boolean = () => false) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    if (stopping()) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'stopping' }));
      return;
    }
    void answersInTime(database).then((answers) => {
      res.writeHead(answers ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: answers ? 'ok' : 'degraded', database: answers ? 'ok' : 'unreachable' }));
    });
  };
}
