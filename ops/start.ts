import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { createSql } from '../db/client.js';
import { createApiKey, listApiKeys } from '../db/api-keys.js';
import { migrate } from '../db/migrate.js';
import { redactUrl } from '../actors/common/log.js';
import type { ServicesRequest } from './embedded/services.js';

/**
 * `npm start`: the whole system in the foreground under PM2 (pm2-runtime). Starts an
 * embedded PostgreSQL and a private Redis where DATABASE_URL or REDIS_URL is unset,
 * migrates, then runs the three processes; Ctrl-C stops them, then the services.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = resolve(root, '.data');

function say(line: string): void {
  process.stdout.write(`[start] ${line}\n`);
}

async function startServices(request: ServicesRequest): Promise<{ child: ChildProcess; databaseUrl?: string; redisUrl?: string }> {
  // Its own session: the terminal's Ctrl-C must not stop the database under draining workers.
  const child = fork(resolve(root, 'dist/ops/embedded/services.js'), [], { detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const answer = await new Promise<{ ready?: boolean; error?: string; databaseUrl?: string; redisUrl?: string }>((ok, fail) => {
    child.once('message', (m) => ok(m as never));
    child.once('exit', (code) => fail(new Error(`embedded services exited with code ${code}`)));
    child.send(request);
  });
  if (answer.error) throw new Error(answer.error);
  return { child, databaseUrl: answer.databaseUrl, redisUrl: answer.redisUrl };
}

async function prepareDatabase(databaseUrl: string): Promise<string | undefined> {
  const sql = createSql(databaseUrl, { max: 1, applicationName: 'start' });
  try {
    const applied = await migrate(sql);
    say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
    if ((await listApiKeys(sql)).length > 0) return undefined;
    const { key } = await createApiKey(sql, { name: 'first admin', role: 'admin' });
    return key;
  } finally {
    await sql.end();
  }
}

async function waitReady(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

function banner(base: string, adminKey: string | undefined): void {
  const lines = [
    '', 'b2bpaper is running under PM2 (Ctrl-C stops everything):',
    `  gateway     ${base}/`, `  API docs    ${base}/docs`, `  readiness   ${base}/readyz`, `  console     ${base}/ops/console`,
    `  processes   PM2_HOME=${resolve(dataDir, 'pm2')} npx pm2 status`,
  ];
  if (adminKey) lines.push('', 'First start: an admin API key was created. It is shown this once:', `  ${adminKey}`);
  else lines.push('  API keys    npm run -s ops -- create-key --role admin --name NAME');
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

async function main(): Promise<void> {
  loadDotenv({ path: resolve(root, '.env'), quiet: true });
  mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  const wantPg = !env.DATABASE_URL;
  const wantRedis = !env.REDIS_URL;
  let services: ChildProcess | undefined;
  if (wantPg || wantRedis) {
    say(`starting ${[wantPg && 'embedded PostgreSQL (.data/pg)', wantRedis && 'a private Redis (.data/redis)'].filter(Boolean).join(' and ')}`);
    const s = await startServices({
      dataDir,
      postgres: wantPg ? { port: Number(env.EMBEDDED_PG_PORT ?? 54329) } : null,
      redis: wantRedis ? { port: Number(env.EMBEDDED_REDIS_PORT ?? 63799) } : null,
    });
    services = s.child;
    env.DATABASE_URL ??= s.databaseUrl;
    env.REDIS_URL ??= s.redisUrl;
  }
  writeFileSync(resolve(dataDir, 'runtime.env'), `DATABASE_URL=${env.DATABASE_URL}\nREDIS_URL=${env.REDIS_URL}\n`, { mode: 0o600 });
  say(`database ${redactUrl(env.DATABASE_URL as string)}, redis ${redactUrl(env.REDIS_URL as string)}`);
  const adminKey = await prepareDatabase(env.DATABASE_URL as string);

  env.PM2_HOME ??= resolve(dataDir, 'pm2');
  const pm2 = spawn(resolve(root, 'node_modules/.bin/pm2-runtime'), ['start', resolve(root, 'ecosystem.config.cjs')], { env, stdio: 'inherit', detached: true, cwd: root });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the processes`);
    pm2.kill('SIGINT');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  pm2.on('exit', (code) => {
    say('processes stopped');
    if (!services) process.exit(code ?? 0);
    services.once('exit', () => process.exit(code ?? 0));
    services.send('stop');
  });

  const host = env.HOST && env.HOST !== '0.0.0.0' ? env.HOST : '127.0.0.1';
  const base = `http://${host}:${env.PORT ?? 8910}${env.BASE_PATH ?? ''}`;
  if (await waitReady(`${base}/readyz`, 60_000)) banner(base, adminKey);
  else say(`the gateway did not become ready at ${base}/readyz; see the logs above`);
}

main().catch((err: Error) => {
  process.stderr.write(`[start] ${err.message}\n`);
  process.exit(1);
});
