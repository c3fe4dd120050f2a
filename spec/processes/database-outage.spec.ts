import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv } from '../support/env.js';
import { keyFor } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { freePort } from '../support/ports.js';
import { startProcess, type RunningProcess } from '../support/processes.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

let h: Harness;
let proxy: TcpProxy;
const procs: RunningProcess[] = [];
beforeEach(async () => {
  h = await createHarness();
  proxy = await startTcpProxy('127.0.0.1', 5432);
});
afterEach(async () => {
  for (const p of procs.splice(0)) await p.stop('SIGKILL');
  await proxy.close();
  await h.close();
});

describe('a database outage', () => {
  it('refuses new work with 503 while it lasts, and loses nothing accepted before or after', async () => {
    const viaProxy = new URL(h.db.url);
    viaProxy.port = String(proxy.port);
    const port = await freePort();
    const env = testEnv(viaProxy.toString(), { KEY_PREFIX: h.config.KEY_PREFIX, PORT: String(port), MAILBOX_LEASE_MS: '2000' });
    const worker = startProcess('worker', env);
    const gateway = startProcess('gateway', env);
    procs.push(worker, gateway);
    await Promise.all([worker.ready, gateway.ready]);
    const key = await keyFor(h, 'operator');
    const probe = () => fetch(`http://127.0.0.1:${port}/ops/probes`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{}',
    });

    const before = await Promise.all(Array.from({ length: 300 }, probe));
    expect(before.every((r) => r.status === 202)).toBe(true);
    await proxy.cut();
    const during = await probe();
    expect(during.status).toBe(503);
    expect(((await during.json()) as { code: string }).code).toBe('B2B_UNAVAILABLE');
    expect(during.headers.get('retry-after')).toBe('5');
    await new Promise((r) => setTimeout(r, 3_000));
    await proxy.restore();
    const after = await eventually(async () => {
      const r = await probe();
      return r.status === 202 ? r : undefined;
    }, 30_000, 'the gateway accepting again');
    expect(after.status).toBe(202);
    await Promise.all(Array.from({ length: 199 }, probe));

    await eventually(async () => {
      const [r] = await h.db.sql`select count(*)::int as n from mailbox where state = 'done'`;
      return r?.n === 500;
    }, 60_000, 'all 500 accepted probes done').catch(async (err) => {
      console.log(await h.db.sql`select state, attempts, last_error->>'code' as code, count(*)::int from mailbox group by 1,2,3`);
      console.log(worker.output().slice(-3000));
      throw err;
    });
    const [p] = await h.db.sql`select count(*)::int as n from probes`;
    expect(p?.n).toBe(500);
  }, 120_000);
});
