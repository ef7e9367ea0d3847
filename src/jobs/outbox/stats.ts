import type { Db } from '../../db/client.js';

/**
 * What the engine reports for GET /metrics (runtime/metrics.ts): keyed deliveries sent and failed by kind (the
 * delivery's job), job runs by job. Counted in this process since it started; Prometheus takes the rates.
 */
export const deliveryStats = {
  sent: {} as Record<string, number>,
  failed: {} as Record<string, number>,
  jobRuns: {} as Record<string, number>,
};

export function countDelivery(outcome: 'sent' | 'failed', kind: string): void {
  deliveryStats[outcome][kind] = (deliveryStats[outcome][kind] ?? 0) + 1;
}

export function countJobRun(job: string): void {
  deliveryStats.jobRuns[job] = (deliveryStats.jobRuns[job] ?? 0) + 1;
}

/** Deliveries planned and not sent yet (pending, being sent, or failed and to be retried), by kind. */
export async function owedDeliveries(db: Db): Promise<Record<string, number>> {
  const rows = await db.delivery.groupBy({
    by: ['job'],
    where: { state: { in: ['pending', 'sending'] } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((row) => [row.job, row._count._all]));
}
