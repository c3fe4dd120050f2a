import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv } from '../support/env.js';
import { bearer, keyFor } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { freePort } from '../support/ports.js';
import { startProcess, type RunningProcess } from '../support/processes.js';
import { MISSING_EMAIL, messageState } from './support.js';

let h: Harness;
const procs: RunningProcess[] = [];
beforeEach(async () => { h = await createHarness(); });
afterEach(async () => {
  for (const p of procs.splice(0)) await p.stop('SIGKILL');
  await h.close();
});

/** A JSON answer of the gateway, loosely typed: the assertions say what it must hold. */
type Loose = any;
async function getJson(url: string, key: string): Promise<Loose> {
  return (await fetch(url, { headers: bearer(key) })).json();
}

async function scrape(url: string, key?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { headers: key ? bearer(key) : {} });
  return { status: res.status, text: await res.text() };
}

function start(entry: 'worker' | 'gateway' | 'scheduler', env: Record<string, string>): RunningProcess {
  const p = startProcess(entry, env);
  procs.push(p);
  return p;
}

/** One figure of a Prometheus text exposition, by name and labels in any order. */
function figure(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-zA-Z_:][\w:]*)\{([^}]*)\} (\S+)$/);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries((m[2] as string).split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, v?.replace(/"/g, '')]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('the running processes', () => {
  it('serve Prometheus metrics: the worker and the scheduler on their ports, the gateway for operator keys', async () => {
    const [workerPort, schedulerPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
    const env = testEnv(h.db.url, { KEY_PREFIX: h.config.KEY_PREFIX, BASE_PATH: '/mvp', PORT: String(gatewayPort), OPS_STATUS_INTERVAL_MS: '200' });
    const worker = start('worker', { ...env, METRICS_PORT_WORKER: String(workerPort), WORKER_ID: 'metrics-worker' });
    const scheduler = start('scheduler', { ...env, METRICS_PORT_SCHEDULER: String(schedulerPort) });
    const gateway = start('gateway', env);
    await Promise.all([worker.ready, scheduler.ready, gateway.ready]);
    const key = await keyFor(h, 'operator');
    const sentAt = new Date().toISOString();
    await Promise.all(Array.from({ length: 10 }, () => h.outbox.send('housekeeping', 'recordProbe', { sentAt })));
    const poisoned = await h.outbox.send('ingestion', 'ingestEmail', { emailId: MISSING_EMAIL() });
    await eventually(async () => (await messageState(h, poisoned.id)) === 'dead', 20_000, 'dead letter');
    await eventually(async () => {
      const [r] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from mailbox where actor = 'housekeeping' and state = 'done'`;
      return r?.n === 10;
    }, 20_000, 'probes done');

    const w = (await scrape(`http://127.0.0.1:${workerPort}/metrics`)).text;
    expect(figure(w, 'b2b_messages_handled_total', { worker: 'metrics-worker', actor: 'housekeeping', outcome: 'succeeded' })).toBe(10);
    expect(figure(w, 'b2b_messages_handled_total', { actor: 'ingestion', outcome: 'dead_lettered' })).toBe(1);
    expect(figure(w, 'b2b_message_handling_seconds_count', { actor: 'housekeeping', outcome: 'succeeded' })).toBe(10);
    expect(figure(w, 'b2b_actor_state', { actor: 'housekeeping', state: 'running' })).toBe(1);
    expect(w).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(w).toContain('# TYPE b2b_actor_restarts_total counter');

    const s = (await scrape(`http://127.0.0.1:${schedulerPort}/metrics`)).text;
    expect(s).toMatch(/^b2b_scheduler_leader 1$/m);
    expect(figure(s, 'b2b_scheduler_missed_firings_total', { job: 'housekeeping' })).toBe(0);

    const base = `http://127.0.0.1:${gatewayPort}/mvp`;
    expect((await scrape(`${base}/metrics`)).status).toBe(401);
    await scrape(`${base}/ops/actors`, key);
    const g = await eventually(async () => {
      const r = await scrape(`${base}/metrics`, key);
      return /^b2b_workers_live 1$/m.test(r.text) ? r : undefined;
    }, 10_000, 'gateway metrics');
    expect(figure(g.text, 'b2b_mailbox_messages', { actor: 'housekeeping', state: 'done' })).toBe(10);
    expect(figure(g.text, 'b2b_mailbox_messages', { actor: 'ingestion', state: 'dead' })).toBe(1);
    expect(figure(g.text, 'b2b_http_requests_total', { method: 'GET', route: '/mvp/ops/actors', status: '200' })).toBe(1);
    expect(figure(g.text, 'b2b_http_requests_total', { method: 'GET', route: '/mvp/metrics', status: '401' })).toBe(1);
    expect(g.text).toContain('b2b_mailbox_oldest_queued_seconds');
    expect(g.text).toContain('b2b_http_request_duration_seconds_bucket');
  }, 90_000);

  it('keeps the history in PostgreSQL: after the worker and the gateway restart, the figures and timelines are still there', async () => {
    const gatewayPort = await freePort();
    const env = testEnv(h.db.url, { KEY_PREFIX: h.config.KEY_PREFIX, PORT: String(gatewayPort), OPS_STATUS_INTERVAL_MS: '200' });
    const worker = start('worker', env);
    let gateway = start('gateway', env);
    await Promise.all([worker.ready, gateway.ready]);
    const key = await keyFor(h, 'operator');
    const sentAt = new Date().toISOString();
    await Promise.all(Array.from({ length: 7 }, () => h.outbox.send('housekeeping', 'recordProbe', { sentAt })));
    const poisoned = await h.outbox.send('ingestion', 'ingestEmail', { emailId: MISSING_EMAIL() });
    await eventually(async () => (await messageState(h, poisoned.id)) === 'dead', 20_000, 'dead letter');
    const base = `http://127.0.0.1:${gatewayPort}`;
    const before = await eventually(async () => {
      const r = await getJson(`${base}/ops/actors`, key);
      const hk = r.actors.find((a: { actor: string }) => a.actor === 'housekeeping');
      return hk.throughput.lastHour === 7 && hk.workers === 1 ? r : undefined;
    }, 20_000, 'figures before');
    expect(before.liveAvailable).toBe(true);

    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(await gateway.stop('SIGTERM')).toBe(0);
    gateway = start('gateway', env);
    await gateway.ready;
    const after = await getJson(`${base}/ops/actors`, key);
    const hk = after.actors.find((a: { actor: string }) => a.actor === 'housekeeping');
    const ingestion = after.actors.find((a: { actor: string }) => a.actor === 'ingestion');
    expect(hk).toMatchObject({ state: 'stopped', workers: 0, throughput: { lastHour: 7 }, mailbox: { done: 7 } });
    expect(hk.handlingMs.mean).not.toBeNull();
    expect(ingestion).toMatchObject({ failures: { deadLastHour: 1 }, lastError: { code: 'B2B_EMAIL_NOT_FOUND', messageId: poisoned.id } });
    const timeline = await getJson(`${base}/ops/messages/${poisoned.id}`, key);
    expect(timeline.events.map((e: { event: string }) => e.event)).toEqual(['received', 'started', 'dead_lettered']);
    expect((await getJson(`${base}/ops/workers`, key)).workers).toEqual([]);
  }, 90_000);
});
