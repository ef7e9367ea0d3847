import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client.js';

/** A database that has not answered `SELECT 1` by then counts as unreachable (a load balancer's probe waits less). */
const DATABASE_TIMEOUT_MS = 2_000;

async function databaseAnswers(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS);
  });
  try {
    const ping = db.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz: 200 when the process is up and the database answers, 503 otherwise — and 503 once a graceful
 * stop began, so a load balancer sends new requests elsewhere while acknowledged work finishes.
 */
export function healthHandler(db: Db, stopping: () => boolean = () => false) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (stopping()) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'stopping' }));
      return;
    }
    const database: 'ok' | 'unreachable' = (await databaseAnswers(db)) ? 'ok' : 'unreachable';
    const ok = database === 'ok';
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', database }));
  };
}
