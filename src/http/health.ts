import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client.js';

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
    let database: 'ok' | 'unreachable' = 'ok';
    try {
      await db.$queryRaw`SELECT 1`;
    } catch {
      database = 'unreachable';
    }
    const ok = database === 'ok';
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', database }));
  };
}
