import { hostname } from 'node:os';
import { createSql } from '../db/client.js';
import { loadConfigOrExit } from './common/config.js';
import { onShutdown, signalReady } from './common/lifecycle.js';
import { createLogger } from './common/log.js';
import { createDefinitions } from './definitions.js';
import { Outbox } from './mailbox/outbox.js';
import { WorkerRuntime } from './system/runtime.js';
import { createTransport } from './transport/index.js';

/** The actor-worker process: the supervised actor system over the durable mailbox. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger('actor-worker', config.LOG_LEVEL);
  const owner = config.WORKER_ID ?? `${hostname()}:${process.pid}`;
  const sql = createSql(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, applicationName: `actor-worker ${owner}` });
  const transport = createTransport(config, log);
  const outbox = new Outbox(sql, transport);
  const runtime = new WorkerRuntime({ sql, transport, config, log, owner, definitions: createDefinitions({ sql, outbox, config, log }) });
  onShutdown(log, async () => {
    await runtime.stop();
    await outbox.drained();
    await transport.close();
    await sql.end({ timeout: 5 });
  }, config.SHUTDOWN_DRAIN_MS + 4_000);
  await sql`select 1`;
  await runtime.start();
  log.info({ owner, actors: runtime.status().map((s) => s.actor) }, 'actor-worker ready');
  signalReady();
}

main().catch((err: Error) => {
  process.stderr.write(`actor-worker failed to start: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
