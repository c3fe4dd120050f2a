import { createSql } from '../db/client.js';
import { loadConfigOrExit } from '../actors/common/config.js';
import { onShutdown, signalReady } from '../actors/common/lifecycle.js';
import { createLogger } from '../actors/common/log.js';
import { Outbox } from '../actors/mailbox/outbox.js';
import { closeServer, serveMetrics } from '../actors/system/metrics-server.js';
import { createTransport } from '../actors/transport/index.js';
import { names } from '../actors/transport/names.js';
import { exclusivityCheckJob } from './jobs/exclusivity-check.js';
import { ExpiryTimers } from './jobs/exclusivity-timers.js';
import { housekeepingJob } from './jobs/housekeeping.js';
import { newsletterJob } from './jobs/newsletter.js';
import { staleRequestsJob } from './jobs/stale-requests.js';
import { LeaderLock } from './leader.js';
import { createSchedulerMetrics } from './metrics.js';
import { JobRunner } from './runner.js';

/** The scheduler process: timed messages, fired once, by whichever scheduler leads. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger('scheduler', config.LOG_LEVEL);
  const sql = createSql(config.DATABASE_URL, { max: 4, applicationName: 'scheduler' });
  const transport = createTransport(config, log);
  const outbox = new Outbox(sql, transport);
  const metrics = createSchedulerMetrics(() => leader.isLeader);
  const runner = new JobRunner(sql, outbox, log, () => new Date(), metrics.watch);
  const jobs = [housekeepingJob(config), newsletterJob(config), exclusivityCheckJob(config), staleRequestsJob(config)];
  const timers = new ExpiryTimers({ sql, outbox, transport, config, log });
  const leader = new LeaderLock(sql, names(config.KEY_PREFIX).scheduleName('scheduler-leader'), log);
  const metricsServer = await serveMetrics([metrics.registry], config.METRICS_HOST, config.METRICS_PORT_SCHEDULER, log);
  onShutdown(log, async () => {
    runner.stop();
    await closeServer(metricsServer);
    await timers.stop();
    await leader.stop();
    await outbox.drained();
    await transport.close();
    await sql.end({ timeout: 5 });
  }, config.SHUTDOWN_DRAIN_MS + 4_000);
  await sql`select 1`;
  await leader.start((leading) => {
    if (leading) runner.start(jobs);
    else runner.stop();
    void timers.setLeading(leading);
  });
  log.info({ jobs: jobs.map((j) => `${j.name} ${j.cron} ${j.tz}`) }, 'scheduler ready');
  signalReady();
}

main().catch((err: Error) => {
  process.stderr.write(`scheduler failed to start: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
