import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client.js';

/** GET /healthz: 200 when the process is up and the database answers, 503 otherwise. */
export function healthHandler(db: Db) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
