import { loadConfigOrExit } from '../actors/common/config.js';
import { onShutdown, signalReady } from '../actors/common/lifecycle.js';
import { createLogger } from '../actors/common/log.js';
import { Outbox } from '../actors/mailbox/outbox.js';
import { names } from '../actors/transport/names.js';
import { createTransport } from '../actors/transport/index.js';
import { createSql } from '../db/client.js';
import { buildApp } from './app.js';
import { ReplyWaiter } from './replies.js';

/** The marketplace-api process: the gateway, listening. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger('marketplace-api', config.LOG_LEVEL);
  const sql = createSql(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, applicationName: 'marketplace-api' });
  const transport = createTransport(config, log);
  const outbox = new Outbox(sql, transport);
  const waiter = new ReplyWaiter(sql, transport, names(config.KEY_PREFIX));
  await waiter.start();
  const app = await buildApp({ config, sql, transport, outbox, waiter }, { logger: log });
  onShutdown(log, async () => {
    await app.close();
    await outbox.drained();
    await transport.close();
    await sql.end({ timeout: 5 });
  }, config.SHUTDOWN_DRAIN_MS + 4_000);
  await app.listen({ host: config.HOST, port: config.PORT });
  signalReady();
}

main().catch((err: Error) => {
  process.stderr.write(`marketplace-api failed to start: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
