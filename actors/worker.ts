import { createSql } from '../db/client.js';
import { loadConfigOrExit } from './common/config.js';
import { onShutdown, signalReady } from './common/lifecycle.js';
import { createLogger } from './common/log.js';
import { createDefinitions } from './definitions.js';
import { Outbox } from './mailbox/outbox.js';
import { createWorkerMetrics } from './system/metrics.js';
import { closeServer, instancePort, serveMetrics } from './system/metrics-server.js';
import { WorkerRuntime } from './system/runtime.js';
import { startLiveStatus } from './system/status-publisher.js';
import { workerId } from './system/worker-id.js';
import { names } from './transport/names.js';
import { createTransport } from './transport/index.js';

/** The actor-worker process: the supervised actor system over the durable mailbox. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger('actor-worker', config.LOG_LEVEL);
  const owner = workerId(config.WORKER_ID);
  const sql = createSql(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, applicationName: `actor-worker ${owner}` });
  const bookkeeping = createSql(config.DATABASE_URL, { max: 8, applicationName: `actor-worker ${owner} mailbox`, synchronousCommit: false });
  const transport = createTransport(config, log);
  const outbox = new Outbox(sql, transport);
  const metrics = createWorkerMetrics(owner, () => runtime.status());
  const runtime = new WorkerRuntime({ sql, bookkeeping, transport, config, log, owner, definitions: createDefinitions({ sql, outbox, config, log }), observer: metrics.observer });
  let live: { stop: () => Promise<void> } | undefined;
  const metricsServer = await serveMetrics([metrics.registry], config.METRICS_HOST, instancePort(config.METRICS_PORT_WORKER), log);
  onShutdown(log, async () => {
    await runtime.stop();
    await live?.stop();
    await closeServer(metricsServer);
    await outbox.drained();
    await transport.close();
    await Promise.all([sql.end({ timeout: 5 }), bookkeeping.end({ timeout: 5 })]);
  }, config.SHUTDOWN_DRAIN_MS + 4_000);
  await sql`select 1`;
  await runtime.start();
  live = startLiveStatus({
    redisUrl: config.REDIS_URL, key: names(config.KEY_PREFIX).workerStatusKey(owner), intervalMs: config.OPS_STATUS_INTERVAL_MS,
    identity: { worker: owner, transport: transport.kind, startedAt: new Date(Date.now() - process.uptime() * 1000) }, status: () => runtime.status(), log,
  });
  log.info({ owner, actors: runtime.status().map((s) => s.actor) }, 'actor-worker ready');
  signalReady();
}

main().catch((err: Error) => {
  process.stderr.write(`actor-worker failed to start: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
