import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ExpiredLease, MailboxRow } from '../../db/mailbox.js';
import type { MailboxObserver } from './observer.js';
import type { ActorStatus } from './supervisor.js';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const STATES: ActorStatus['state'][] = ['running', 'paused', 'restarting', 'stopped'];

export interface WorkerMetrics {
  registry: Registry;
  observer: Partial<MailboxObserver>;
}

/** A gauge per actor read from the live status at scrape time. */
function statusGauge(registry: Registry, name: string, help: string, status: () => ActorStatus[], pick: (s: ActorStatus) => number): void {
  new Gauge({
    name, help, labelNames: ['actor'], registers: [registry],
    collect() {
      this.reset();
      for (const s of status()) this.set({ actor: s.actor }, pick(s));
    },
  });
}

function stateGauge(registry: Registry, status: () => ActorStatus[]): void {
  new Gauge({
    name: 'b2b_actor_state', help: 'The actor\'s state in this worker: 1 for the current one', labelNames: ['actor', 'state'], registers: [registry],
    collect() {
      this.reset();
      for (const s of status()) for (const state of STATES) this.set({ actor: s.actor, state }, s.state === state ? 1 : 0);
    },
  });
}

/**
 * The worker's metrics (its own registry, labelled with the worker's name): handling times,
 * outcomes, restarts, and the live held/processing figures of each actor.
 */
export function createWorkerMetrics(worker: string, status: () => ActorStatus[]): WorkerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ worker });
  const handling = new Histogram({ name: 'b2b_message_handling_seconds', help: 'Handler time per attempt', labelNames: ['actor', 'outcome'], buckets: SECONDS, registers: [registry] });
  const waiting = new Histogram({ name: 'b2b_message_wait_seconds', help: 'Time from due to handler start', labelNames: ['actor'], buckets: SECONDS, registers: [registry] });
  const outcomes = new Counter({ name: 'b2b_messages_handled_total', help: 'Attempts by outcome: succeeded, failed (retried), dead_lettered', labelNames: ['actor', 'outcome'], registers: [registry] });
  const restarts = new Counter({ name: 'b2b_actor_restarts_total', help: 'Restarts of an actor after a crash', labelNames: ['actor'], registers: [registry] });
  const expired = new Counter({ name: 'b2b_leases_expired_total', help: 'Messages taken back from a worker that stopped renewing its lease', labelNames: ['actor'], registers: [registry] });
  statusGauge(registry, 'b2b_actor_held_messages', 'Messages claimed and held in memory', status, (s) => s.held);
  statusGauge(registry, 'b2b_actor_processing_messages', 'Messages whose handler is running', status, (s) => s.processing);
  statusGauge(registry, 'b2b_actor_oldest_in_flight_seconds', 'Age of the message held longest', status, (s) => (s.oldestInFlight?.ageMs ?? 0) / 1000);
  stateGauge(registry, status);
  const observer: Partial<MailboxObserver> = {
    started: (row: MailboxRow) => waiting.observe({ actor: row.actor }, Math.max(0, Date.now() - Math.max(row.not_before.getTime(), row.created_at.getTime())) / 1000),
    finished: (row, outcome, durationMs) => {
      outcomes.inc({ actor: row.actor, outcome });
      if (durationMs !== null) handling.observe({ actor: row.actor, outcome }, durationMs / 1000);
    },
    restarted: (actor) => restarts.inc({ actor }),
    leasesExpired: (rows: ExpiredLease[]) => rows.forEach((r) => expired.inc({ actor: r.actor })),
  };
  return { registry, observer };
}
