import type { Db } from '../db/client.js';
import type { Clock } from '../domain/clock.js';

/** What every service needs, passed in rather than imported so tests can supply their own. */
export interface ServiceDeps {
  db: Db;
  clock: Clock;
  /** Slack user IDs from CLOSEOUT_ADMINS. */
  admins: ReadonlySet<string>;
}

/** A Prisma transaction client: services write their rows and the audit event in one. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
