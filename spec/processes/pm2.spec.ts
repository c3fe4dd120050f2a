import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../support/env.js';
import { keyFor } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { freePort } from '../support/ports.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const pm2Bin = resolve(root, 'node_modules/.bin/pm2');

let h: Harness;
let env: Record<string, string>;
let base: string;
let pm2Home: string;

async function pm2(...args: string[]): Promise<string> {
  const { stdout } = await run(pm2Bin, args, { cwd: root, env: { ...process.env, ...env }, timeout: 90_000 });
  return stdout;
}

async function statuses(): Promise<Record<string, string>> {
  const list = JSON.parse(await pm2('jlist')) as { name: string; pm2_env: { status: string } }[];
  return Object.fromEntries(list.map((p) => [p.name, p.pm2_env.status]));
}

beforeAll(async () => {
  h = await createHarness();
  pm2Home = mkdtempSync(join(tmpdir(), 'b2b-pm2-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = { ...testEnv(h.db.url, { KEY_PREFIX: h.config.KEY_PREFIX, LOG_LEVEL: 'warn' }), PORT: String(port), PM2_HOME: pm2Home };
  await pm2('start', 'ecosystem.config.cjs');
}, 120_000);

afterAll(async () => {
  await pm2('kill').catch(() => undefined);
  rmSync(pm2Home, { recursive: true, force: true });
  await h.close();
}, 60_000);

describe('the three processes under PM2', () => {
  it('are all online and ready', async () => {
    expect(await statuses()).toEqual({ 'marketplace-api': 'online', 'actor-worker': 'online', scheduler: 'online' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('lose nothing sent while the worker restarts', async () => {
    const key = await keyFor(h, 'operator');
    const probe = async (i: number) => {
      const res = await fetch(`${base}/ops/probes`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ note: String(i) }) });
      expect(res.status).toBe(202);
    };
    let sent = 0;
    const stream = (async () => {
      for (; sent < 600; sent++) await probe(sent);
    })();
    await eventually(async () => sent >= 100, 30_000, 'a stream under way');
    await pm2('restart', 'actor-worker');
    await stream;
    expect((await statuses())['actor-worker']).toBe('online');
    await eventually(async () => {
      const [r] = await h.db.sql`select count(*)::int as n from probes`;
      return r?.n === 600;
    }, 60_000, 'all 600 probes recorded');
    const [m] = await h.db.sql`select count(*) filter (where state = 'done')::int as done, count(*)::int as total from mailbox where type = 'recordProbe'`;
    expect(m).toEqual({ done: 600, total: 600 });
  }, 120_000);
});
