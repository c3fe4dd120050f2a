import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { scrape } from '../actors/system/metrics-server.js';
import { listControls } from '../db/controls.js';
import { mailboxDepths, oldestInFlight } from '../db/depths.js';
import type { Sql } from '../db/client.js';
import type { GatewayDeps } from './deps.js';
import { liveWorkers } from './routes/ops-live.js';

const STATES = ['queued', 'due_later', 'in_flight', 'done', 'dead', 'cancelled'] as const;
const HTTP_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The durable mailbox as gauges, read at scrape time (only the gateway exposes these, so they are not counted twice). */
function mailboxGauges(registry: Registry, sql: Sql): void {
  let facts: Promise<[Awaited<ReturnType<typeof mailboxDepths>>, Awaited<ReturnType<typeof oldestInFlight>>, Awaited<ReturnType<typeof listControls>>]> | undefined;
  // One query round per scrape, however many gauges ask.
  const read = () => (facts ??= Promise.all([mailboxDepths(sql), oldestInFlight(sql), listControls(sql)]).finally(() => setTimeout(() => { facts = undefined; }, 0)));
  new Gauge({
    name: 'b2b_mailbox_messages', help: 'Mailbox rows by actor and state (due_later: queued, not yet due)', labelNames: ['actor', 'state'], registers: [registry],
    async collect() {
      this.reset();
      for (const d of (await read())[0]) for (const state of STATES) this.set({ actor: d.actor, state }, d[state]);
    },
  });
  new Gauge({
    name: 'b2b_mailbox_oldest_queued_seconds', help: 'Age of the oldest due message waiting to be claimed', labelNames: ['actor'], registers: [registry],
    async collect() {
      this.reset();
      for (const d of (await read())[0]) this.set({ actor: d.actor }, d.oldest_queued_age_s ?? 0);
    },
  });
  new Gauge({
    name: 'b2b_mailbox_oldest_in_flight_seconds', help: 'Age of the message claimed longest ago and not finished', labelNames: ['actor'], registers: [registry],
    async collect() {
      this.reset();
      for (const o of (await read())[1]) this.set({ actor: o.actor }, o.age_s);
    },
  });
  new Gauge({
    name: 'b2b_actor_paused', help: '1 while an actor is paused (by an operator or after a crash loop)', labelNames: ['actor'], registers: [registry],
    async collect() {
      this.reset();
      for (const c of (await read())[2]) this.set({ actor: c.actor }, c.paused ? 1 : 0);
    },
  });
}

function httpMetrics(app: FastifyInstance, registry: Registry): void {
  const requests = new Counter({ name: 'b2b_http_requests_total', help: 'HTTP requests by route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({ name: 'b2b_http_request_duration_seconds', help: 'HTTP request time by route pattern', labelNames: ['method', 'route'], buckets: HTTP_SECONDS, registers: [registry] });
  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern, never the concrete URL: ids must not become label values.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}

/**
 * GET /metrics on the gateway, for operator or admin keys (Prometheus sends the key as a
 * bearer token): HTTP metrics, the mailboxes by actor and state, oldest ages, pauses, live
 * workers. The worker and the scheduler serve their own on METRICS_PORT_WORKER/_SCHEDULER.
 */
export async function metricsRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const registry = new Registry();
  httpMetrics(app, registry);
  mailboxGauges(registry, deps.sql);
  const live = liveWorkers(app, deps.config);
  new Gauge({
    name: 'b2b_workers_live', help: 'Worker processes whose live status is current', registers: [registry],
    async collect() { this.set((await live())?.length ?? 0); },
  });
  app.get('/metrics', {
    onRequest: app.requireRole('operator', 'admin'),
    schema: { summary: 'Prometheus metrics of the gateway and the mailboxes (operator key as bearer token)', tags: ['operations'], security: [{ apiKey: [] }] },
  }, async (_request, reply) => {
    const { contentType, body } = await scrape([registry]);
    return reply.type(contentType).send(body);
  });
}
