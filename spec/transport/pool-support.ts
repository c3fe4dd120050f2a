import type { Harness } from '../support/harness.js';
import { testEnv } from '../support/env.js';
import { createHarness } from '../support/harness.js';
import { startProcess, type RunningProcess } from '../support/processes.js';
import { AMQP_URL } from './amqp-support.js';

/** A harness whose outbox publishes over RabbitMQ, on the test's own prefix. */
export function createAmqpHarness(env: Record<string, string> = {}): Promise<Harness> {
  return createHarness({ TRANSPORT: 'amqp', AMQP_URL, ...env });
}

/** The environment of a worker process of the pool, named `name`. */
export function workerEnv(h: Harness, name: string, env: Record<string, string> = {}): Record<string, string> {
  return testEnv(h.db.url, { KEY_PREFIX: h.config.KEY_PREFIX, TRANSPORT: 'amqp', AMQP_URL: h.config.AMQP_URL, WORKER_ID: name, METRICS_PORT_WORKER: '0', ...env });
}

/** Starts compiled worker processes (npm run build first) and waits until each is ready. */
export async function startPool(h: Harness, names: string[], env: Record<string, string> = {}): Promise<RunningProcess[]> {
  const pool = names.map((name) => startProcess('worker', workerEnv(h, name, env)));
  await Promise.all(pool.map((p) => p.ready));
  return pool;
}

export async function doneCount(h: Harness): Promise<number> {
  const [r] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from mailbox where state = 'done'`;
  return r?.n ?? 0;
}

/** Messages each worker handled, from the lifecycle events the workers write. */
export async function handledBy(h: Harness): Promise<Record<string, number>> {
  const rows = await h.db.sql<{ worker: string; n: number }[]>`
    select worker, count(distinct message_id)::int as n from mailbox_events where event = 'succeeded' group by worker`;
  return Object.fromEntries(rows.map((r) => [r.worker, r.n]));
}
