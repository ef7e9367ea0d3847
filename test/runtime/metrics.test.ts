import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Admission } from '../../src/runtime/admission.js';
import { FrontMetrics } from '../../src/runtime/metrics.js';

/** GET /metrics names everything issue 20 asks operators to see, each with its value and labels. */
describe('the metrics text', () => {
  it('has the queue, acks, refusals, 413s, the engine’s lag, deliveries sent, failed and owed by kind, job runs', async () => {
    let now = 10_000;
    const admission = new Admission(
      { maxQueue: 10, maxAgeMs: 60_000, perUser: 5 },
      () => false,
      () => now,
    );
    admission.take({ user_id: 'U1' });
    now += 2_500;
    admission.take({ user_id: 'U2' });
    const metrics = new FrontMetrics(admission, () => ({
      lagMs: 1_250,
      sent: { 'cycle-prompts': 7, 'follow-up': 2 },
      failed: { 'cycle-prompts': 1 },
      owed: { 'overdue-digest': 3 },
      jobRuns: { 'cycle-prompts': 4 },
    }));
    metrics.acked = 12;
    metrics.tooLarge = 2;
    metrics.refuse('stalled');
    metrics.refuse('user');
    metrics.refuse('user');
    metrics.refuse('bodies');
    const { contentType, text } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain/);
    const lines = text.split('\n').filter((l) => !l.startsWith('#'));
    for (const line of [
      'closeout_queue_depth 2',
      'closeout_queue_oldest_age_seconds 2.5',
      'closeout_requests_acked_total 12',
      'closeout_requests_refused_total{reason="stalled"} 1',
      'closeout_requests_refused_total{reason="full"} 0',
      'closeout_requests_refused_total{reason="user"} 2',
      'closeout_requests_refused_total{reason="bodies"} 1',
      'closeout_requests_too_large_total 2',
      'closeout_engine_event_loop_lag_seconds 1.25',
      'closeout_deliveries_sent_total{kind="cycle-prompts"} 7',
      'closeout_deliveries_sent_total{kind="follow-up"} 2',
      'closeout_deliveries_failed_total{kind="cycle-prompts"} 1',
      'closeout_deliveries_owed{kind="overdue-digest"} 3',
      'closeout_job_runs_total{job="cycle-prompts"} 4',
    ])
      expect(lines).toContain(line);
    // Read at each scrape, not once.
    now += 1_000;
    metrics.acked++;
    const again = (await metrics.render()).text;
    expect(again).toContain('closeout_requests_acked_total 13');
    expect(again).toContain('closeout_queue_oldest_age_seconds 3.5');
  });

  it('are each documented in the README’s Metrics table', async () => {
    const { text } = await new FrontMetrics(new Admission()).render();
    const names = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThanOrEqual(10);
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of names) expect(readme).toContain(`| \`${name}\``);
  });
});
