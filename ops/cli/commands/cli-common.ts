import { userInfo } from 'node:os';
import { loadConfig } from '../../../actors/common/config.js';
import { createLogger } from '../../../actors/common/log.js';
import { ActorName } from '../../../actors/messages/envelope.js';
import { readWorkerSnapshots, type WorkerSnapshot } from '../../../actors/system/status-publisher.js';
import { createTransport } from '../../../actors/transport/index.js';
import { names } from '../../../actors/transport/names.js';
import { createRedis } from '../../../actors/transport/redis.js';
import type { Operator } from '../../../db/audit.js';
import type { Requeued } from '../../../db/ops-actions.js';

/** The CLI acts as its OS user; the audit shows 'cli:<user>'. */
export function cliOperator(): Operator {
  const user = process.env.SUDO_USER ?? userInfo().username;
  return { who: `cli:${user}`, name: user };
}

export function actorArg(value: string | undefined, usage: string): ActorName {
  const parsed = ActorName.safeParse(value);
  if (!parsed.success) throw new Error(`usage: ${usage} (actors: ${ActorName.options.join(', ')})`);
  return parsed.data;
}

export function idArg(value: string | undefined, usage: string): string {
  if (!value || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new Error(`usage: ${usage} (a message id)`);
  return value;
}

export function flagText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function fullConfig() {
  try {
    return loadConfig();
  } catch {
    return undefined;
  }
}

/** The workers' live status when Redis is configured and answers within a second; null otherwise. */
export async function liveWorkersOrNull(): Promise<WorkerSnapshot[] | null> {
  const config = fullConfig();
  if (!config) return null;
  const redis = createRedis(config.REDIS_URL, 'b2b-ops-cli');
  redis.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), 1_000); });
    return await Promise.race([readWorkerSnapshots(redis, names(config.KEY_PREFIX).workerStatusPattern), timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}

/**
 * Announces re-queued messages on the wire so they run at once; without a configured
 * wire the workers' sweeper finds them within MAILBOX_SWEEP_MS anyway.
 */
export async function announce(rows: Requeued[]): Promise<boolean> {
  const config = fullConfig();
  if (!config || rows.length === 0) return false;
  const transport = createTransport(config, createLogger('ops-cli', 'silent'));
  try {
    for (const actor of new Set(rows.map((r) => r.actor as ActorName))) {
      transport.notify(actor, rows.filter((r) => r.actor === actor).map((r) => (r.key ? { id: r.id, key: r.key } : { id: r.id })));
    }
    return true;
  } finally {
    await transport.close();
  }
}

export function ageText(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)}m`;
  return seconds < 172_800 ? `${(seconds / 3600).toFixed(1)}h` : `${(seconds / 86_400).toFixed(1)}d`;
}

export function clip(text: string | null | undefined, max = 60): string | null {
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
