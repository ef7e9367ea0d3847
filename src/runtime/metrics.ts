import type { RequestListener } from 'node:http';
import type { Registry } from 'prom-client';
import type { Admission, Refusal } from './admission.js';

/**
 * GET /metrics (Prometheus text format). The front counts what it sees (acks, refusals for load, bodies over
 * the limit, its queue); what only the engine knows (deliveries, job runs, its event loop's lag) comes with
 * the engine's heartbeat (engine-link.ts). Plain numbers here; prom-client is loaded on the first scrape, so
 * a process nobody scrapes never loads it.
 */

/** What the engine reports with each heartbeat. Maps are by delivery kind (the job) or job name. */
export interface EngineStats {
  /** How late the engine's last heartbeat timer fired, in ms. */
  lagMs: number;
  sent: Record<string, number>;
  failed: Record<string, number>;
  /** Deliveries planned and not sent yet (pending or being retried), as last counted. */
  owed: Record<string, number>;
  jobRuns: Record<string, number>;
}

export const NO_ENGINE_STATS: EngineStats = { lagMs: 0, sent: {}, failed: {}, owed: {}, jobRuns: {} };

export class FrontMetrics {
  acked = 0;
  tooLarge = 0;
  /** By reason: admission's, or 'bodies' (the receiver's budget for bodies being read was taken). */
  readonly refused: Record<Refusal | 'bodies', number> = { stalled: 0, full: 0, user: 0, bodies: 0 };

  constructor(
    private readonly admission: Admission,
    private readonly engine: () => EngineStats = () => NO_ENGINE_STATS,
  ) {}

  refuse(reason: Refusal | 'bodies'): void {
    this.refused[reason]++;
  }

  /** The metrics in Prometheus text format. */
  async render(): Promise<{ contentType: string; text: string }> {
    const registry = await this.registry();
    return { contentType: registry.contentType, text: await registry.metrics() };
  }

  readonly handler: RequestListener = (_req, res) => {
    void this.render().then(
      ({ contentType, text }) => res.writeHead(200, { 'content-type': contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  };

  private built: Promise<Registry> | null = null;

  private registry() {
    this.built ??= import('prom-client').then(({ Registry, Counter, Gauge }) => {
      const registry = new Registry();
      const registers = [registry];
      // Each metric reads its value when scraped. A counter is set by resetting it and adding the total.
      const counter = (
        name: string,
        help: string,
        labelNames: string[],
        read: () => [Record<string, string>, number][],
      ) =>
        new Counter({
          name,
          help,
          labelNames,
          registers,
          collect() {
            this.reset();
            for (const [labels, value] of read()) this.inc(labels, value);
          },
        });
      const gauge = (
        name: string,
        help: string,
        labelNames: string[],
        read: () => [Record<string, string>, number][],
      ) =>
        new Gauge({
          name,
          help,
          labelNames,
          registers,
          collect() {
            this.reset();
            for (const [labels, value] of read()) this.set(labels, value);
          },
        });
      const byKind = (counts: Record<string, number>) =>
        Object.entries(counts).map(([kind, n]): [Record<string, string>, number] => [{ kind }, n]);
      gauge('closeout_queue_depth', 'Slack requests taken on and not finished.', [], () => [
        [{}, this.admission.depth],
      ]);
      gauge('closeout_queue_oldest_age_seconds', 'Age of the oldest request taken on and not finished.', [], () => [
        [{}, this.admission.oldestAgeMs() / 1000],
      ]);
      counter('closeout_requests_acked_total', 'Slack requests acknowledged.', [], () => [[{}, this.acked]]);
      counter(
        'closeout_requests_refused_total',
        'Requests turned away for load (stalled engine, full queue, one person over their share, too many bodies being read).',
        ['reason'],
        () => Object.entries(this.refused).map(([reason, n]) => [{ reason }, n]),
      );
      counter('closeout_requests_too_large_total', 'Requests refused with 413 (body over the limit).', [], () => [
        [{}, this.tooLarge],
      ]);
      gauge('closeout_engine_event_loop_lag_seconds', 'How late the engine thread’s last heartbeat fired.', [], () => [
        [{}, this.engine().lagMs / 1000],
      ]);
      counter('closeout_deliveries_sent_total', 'Keyed deliveries sent, by kind.', ['kind'], () =>
        byKind(this.engine().sent),
      );
      counter('closeout_deliveries_failed_total', 'Keyed delivery attempts that failed, by kind.', ['kind'], () =>
        byKind(this.engine().failed),
      );
      gauge('closeout_deliveries_owed', 'Keyed deliveries planned and not sent yet, by kind.', ['kind'], () =>
        byKind(this.engine().owed),
      );
      counter('closeout_job_runs_total', 'Scheduled job runs, by job.', ['job'], () =>
        Object.entries(this.engine().jobRuns).map(([job, n]) => [{ job }, n]),
      );
      return registry;
    });
    return this.built;
  }
}
