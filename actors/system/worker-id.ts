import { hostname } from 'node:os';

/**
 * This worker's name in leases, status and logs; it must be unique per process, or one
 * worker could complete or release what another holds. PM2 runs `instances: N` with one
 * environment, so a configured WORKER_ID gets the instance number (NODE_APP_INSTANCE) added.
 */
export function workerId(configured: string | undefined, env: NodeJS.ProcessEnv = process.env, pid = process.pid): string {
  if (configured === undefined) return `${hostname()}:${pid}`;
  const instance = env.NODE_APP_INSTANCE;
  return instance === undefined || instance === '' ? configured : `${configured}-${instance}`;
}
