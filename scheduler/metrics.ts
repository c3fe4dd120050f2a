import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the job runner reports as it fires. */
export interface RunnerWatch {
  fired(job: string, delayMs: number): void;
  duplicate(job: string): void;
  failed(job: string): void;
  missed(job: string, count: number): void;
}

/** The scheduler's metrics, on its own listener (METRICS_PORT_SCHEDULER). */
export function createSchedulerMetrics(isLeader: () => boolean): { registry: Registry; watch: RunnerWatch } {
  const registry = new Registry();
  const firings = new Counter({ name: 'b2b_scheduler_firings_total', help: 'Firings by result: fired, duplicate (another scheduler had), failed', labelNames: ['job', 'result'], registers: [registry] });
  const missed = new Counter({ name: 'b2b_scheduler_missed_firings_total', help: 'Due firings that never happened (no scheduler led, or the firing failed), counted when a scheduler takes the lead', labelNames: ['job'], registers: [registry] });
  const delay = new Histogram({ name: 'b2b_scheduler_firing_delay_seconds', help: 'From a firing\'s due time to its message being written', labelNames: ['job'], buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 3600], registers: [registry] });
  new Gauge({ name: 'b2b_scheduler_leader', help: '1 while this scheduler leads', registers: [registry], collect() { this.set(isLeader() ? 1 : 0); } });
  const watch: RunnerWatch = {
    fired: (job, delayMs) => {
      firings.inc({ job, result: 'fired' });
      delay.observe({ job }, Math.max(0, delayMs) / 1000);
    },
    duplicate: (job) => firings.inc({ job, result: 'duplicate' }),
    failed: (job) => firings.inc({ job, result: 'failed' }),
    missed: (job, count) => missed.inc({ job }, count),
  };
  return { registry, watch };
}
