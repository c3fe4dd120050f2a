import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../../actors/common/log.js';
import type { AnyActorDefinition } from '../../actors/system/definition.js';
import type { WorkerRuntime } from '../../actors/system/runtime.js';
import { startLiveStatus } from '../../actors/system/status-publisher.js';
import { names } from '../../actors/transport/names.js';
import { insertEmail } from '../../db/emails.js';
import { bearer } from '../support/gateway.js';
import type { Harness } from '../support/harness.js';

export const LIVE_INTERVAL_MS = 200;

/** An in-process worker that also publishes its live status, as the worker process does. */
export async function startObservedWorker(h: Harness, stops: (() => Promise<void>)[], definitions?: AnyActorDefinition[]): Promise<{ runtime: WorkerRuntime; owner: string }> {
  const owner = `w-${randomUUID().slice(0, 8)}`;
  const runtime = await h.startWorker(definitions, owner);
  const live = startLiveStatus({
    redisUrl: h.config.REDIS_URL, key: names(h.config.KEY_PREFIX).workerStatusKey(owner), intervalMs: LIVE_INTERVAL_MS,
    identity: { worker: owner, transport: h.transport.kind, startedAt: new Date() }, status: () => runtime.status(),
    log: createLogger('test', h.config.LOG_LEVEL),
  });
  stops.push(live.stop);
  return { runtime, owner };
}

/** An API client for one key. */
export function client(app: FastifyInstance, key: string) {
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await app.inject({ method, url, headers: bearer(key), ...(body === undefined ? {} : { payload: body as object }) });
    return { status: res.statusCode, body: res.json() };
  };
  return { get: (url: string) => call('GET', url), post: (url: string, body?: unknown) => call('POST', url, body ?? {}) };
}

export const MISSING_EMAIL = () => randomUUID();

/** The fix for a poisoned ingestion message: the e-mail it names is stored after all. */
export async function storeEmail(h: Harness, id: string): Promise<void> {
  const raw = Buffer.from(`From: Papierfabrik <sales@mill.example>\r\nTo: offers@b2bpaper.example\r\nSubject: Stock offer\r\nMessage-ID: <${id}@mill.example>\r\n\r\nTestliner 140 g, 1250 mm, 22 t\r\n`);
  await insertEmail(h.db.sql, { id, identity: `<${id}@mill.example>`, messageId: `<${id}@mill.example>`, source: 'test', raw });
}

export async function messageState(h: Harness, id: string): Promise<string | undefined> {
  const [row] = await h.db.sql<{ state: string }[]>`select state from mailbox where id = ${id}`;
  return row?.state;
}
