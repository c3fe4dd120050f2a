import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { names } from '../../actors/transport/names.js';
import { eventually, type Harness } from '../support/harness.js';
import { deleteTopology, withChannel } from './amqp-support.js';
import { createAmqpHarness, doneCount, handledBy, workerEnv } from './pool-support.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const pm2Bin = resolve(root, 'node_modules/.bin/pm2');

let h: Harness;
let env: Record<string, string>;
let pm2Home: string;

async function pm2(...args: string[]): Promise<string> {
  const { stdout } = await run(pm2Bin, args, { cwd: root, env: { ...process.env, ...env }, timeout: 90_000 });
  return stdout;
}

async function consumers(): Promise<number> {
  return withChannel(async (ch) => (await ch.checkQueue(names(h.config.KEY_PREFIX).queue('housekeeping'))).consumerCount);
}

beforeAll(async () => {
  h = await createAmqpHarness();
  pm2Home = mkdtempSync(join(tmpdir(), 'b2b-pm2-'));
  env = { ...workerEnv(h, 'eu-1', { LOG_LEVEL: 'warn' }), WORKER_INSTANCES: '2', PM2_HOME: pm2Home };
  await pm2('start', 'ecosystem.config.cjs', '--only', 'actor-worker');
}, 120_000);

afterAll(async () => {
  await pm2('kill').catch(() => undefined);
  rmSync(pm2Home, { recursive: true, force: true });
  await h.close();
  await deleteTopology(h.config.KEY_PREFIX, h.config.AMQP_SHARDS);
}, 60_000);

describe('a worker pool under PM2', () => {
  it('runs WORKER_INSTANCES workers, scales with `pm2 scale actor-worker 3`, each with its own id, sharing the work', async () => {
    await eventually(async () => (await consumers()) === 2, 60_000, 'two workers consuming');
    await pm2('scale', 'actor-worker', '3');
    await eventually(async () => (await consumers()) === 3, 60_000, 'three workers consuming');

    const sentAt = new Date().toISOString();
    await Promise.all(Array.from({ length: 3_000 }, (_, i) => h.outbox.send('housekeeping', 'recordProbe', { note: String(i), sentAt })));
    await eventually(async () => (await doneCount(h)) === 3_000, 90_000, 'all done');
    const by = await eventually(async () => {
      const counts = await handledBy(h);
      return Object.keys(counts).length === 3 ? counts : undefined;
    }, 30_000, 'work on all three');
    expect(Object.keys(by).sort()).toEqual(['eu-1-0', 'eu-1-1', 'eu-1-2']);
    const [probes] = await h.db.sql`select count(distinct message_id)::int as n from probes`;
    expect(probes).toEqual({ n: 3_000 });
  }, 240_000);
});
