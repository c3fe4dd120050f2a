import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
let h: Harness;
let app: FastifyInstance;
beforeAll(async () => { h = await createHarness(); app = await buildTestApp(h); });
afterAll(async () => { await app.close(); await h.close(); });

async function ops(...args: string[]) {
  return run(process.execPath, ['dist/ops/cli/ops.js', ...args], { cwd: root, env: { PATH: process.env.PATH, DATABASE_URL: h.db.url } });
}

describe('npm run -s ops -- create-key', () => {
  it('prints the key alone on stdout, and the key works for its role', async () => {
    const { stdout } = await ops('create-key', '--role', 'admin', '--name', 'night shift');
    expect(stdout).toMatch(/^b2b_[A-Za-z0-9_-]{32}\n$/);
    const key = stdout.trim();
    const res = await app.inject({ method: 'GET', url: '/ops/actors', headers: { authorization: `Bearer ${key}` } });
    expect(res.statusCode).toBe(200);
    const { stdout: listed } = await ops('keys', '--json');
    expect(JSON.parse(listed.trim().split('\n')[0] as string)).toMatchObject({ name: 'night shift', role: 'admin', key_prefix: key.slice(0, 10) });
    expect(listed).not.toContain(key);
  });

  it('refuses an unknown role and a buyer key without its buyer', async () => {
    await expect(ops('create-key', '--role', 'king', '--name', 'x')).rejects.toMatchObject({ code: 1 });
    await expect(ops('create-key', '--role', 'buyer', '--name', 'x')).rejects.toMatchObject({ stderr: expect.stringMatching(/--buyer/) });
  });
});
