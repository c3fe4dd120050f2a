import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSql, type Sql } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where benchmarks find their services; each run works in a database of its own. */
export const BENCH_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchDatabase {
  url: string;
  sql: Sql;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `b2b_bench_${randomBytes(4).toString('hex')}`;
  const admin = createSql(BENCH_ADMIN_URL, { max: 1 });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(BENCH_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const sql = createSql(url, { max: 20 });
  await migrate(sql);
  return {
    url, sql,
    drop: async () => {
      await sql.end({ timeout: 1 });
      const a = createSql(BENCH_ADMIN_URL, { max: 1 });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

export function benchEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl,
    REDIS_URL: BENCH_REDIS_URL, KEY_PREFIX: `bench${randomBytes(3).toString('hex')}`, ...extra,
  };
}

export interface BenchProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs a compiled process and waits for its 'ready'. */
export async function startBenchProcess(entry: 'worker' | 'gateway', env: Record<string, string>): Promise<BenchProcess> {
  const file = entry === 'worker' ? 'dist/actors/worker.js' : 'dist/gateway/server.js';
  const child = fork(resolve(root, file), [], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((ok, fail) => {
    child.on('message', (m) => { if (m === 'ready') ok(); });
    child.once('exit', (code) => fail(new Error(`${entry} exited with ${code}`)));
  });
  return {
    child,
    stop: () => new Promise((r) => {
      if (child.exitCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGTERM');
    }),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
