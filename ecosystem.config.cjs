// PM2: the three processes of b2bpaper, running compiled JavaScript from dist/ (npm run build).
// Production: `pm2 start ecosystem.config.cjs` with DATABASE_URL and REDIS_URL in the environment.
// `npm start` runs this same file under pm2-runtime, in the foreground.
//
// All three run in fork mode. The gateway could run in cluster mode only if PM2's cluster
// loader imported ESM entries; it requires them, so the gateway scales as fork instances
// behind Nginx instead. wait_ready: each process sends 'ready' only once its connections
// (and, for the worker, its actor tree) are up. kill_timeout sits above SHUTDOWN_DRAIN_MS
// (default 10 s) plus the time to close connections.
//
// Worker pools: WORKER_INSTANCES=N runs N actor-worker processes (or `pm2 scale actor-worker N`
// at run time). Use TRANSPORT=amqp with more than one: RabbitMQ gives each message to one of
// them and keeps each key's messages in order across the pool; on Redis every worker hears
// every notice and only one wins the claim. PM2 numbers the instances (NODE_APP_INSTANCE):
// a configured WORKER_ID gets that number added, and each worker's metrics port is the base
// plus that number, so one environment serves them all.
const drainMs = Number(process.env.SHUTDOWN_DRAIN_MS ?? 10_000);
const workerInstances = Number(process.env.WORKER_INSTANCES ?? 1);

const common = {
  exec_mode: 'fork',
  instances: 1,
  autorestart: true,
  wait_ready: true,
  listen_timeout: 30_000,
  kill_timeout: drainMs + 8_000,
  exp_backoff_restart_delay: 200,
  max_restarts: 50,
  min_uptime: 5_000,
  time: true,
  merge_logs: true,
  node_args: ['--enable-source-maps'],
};

module.exports = {
  apps: [
    { ...common, name: 'marketplace-api', script: 'dist/gateway/server.js', max_memory_restart: '512M' },
    { ...common, name: 'actor-worker', script: 'dist/actors/worker.js', max_memory_restart: '1G', instances: workerInstances },
    { ...common, name: 'scheduler', script: 'dist/scheduler/main.js', max_memory_restart: '256M' },
  ],
};
