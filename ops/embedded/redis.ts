import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { Redis } from 'ioredis';

/** redis-server from PATH, or undefined. */
export function findRedisServer(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}

export const REDIS_MISSING = [
  'No REDIS_URL is set and there is no redis-server on PATH to start a private one.',
  'Install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis),',
  'or point REDIS_URL at a running server (redis://host:6379).',
].join('\n');

/** A private redis-server under `dir`, on its own port, persisting to an append-only file. */
export async function startRedis(binary: string, dir: string, port: number): Promise<{ url: string; process: ChildProcess }> {
  mkdirSync(dir, { recursive: true });
  const child = spawn(binary, [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', resolve(dir),
    '--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--logfile', 'redis.log',
  ], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} (is port ${port} taken? see ${dir}/redis.log)`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    const ok = await client.connect().then(() => client.ping()).then(() => true, () => false);
    client.disconnect();
    if (ok) return { url, process: child };
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
