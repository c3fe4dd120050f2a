import { createLogger } from '../../actors/common/log.js';
import type { Config } from '../../actors/common/config.js';
import { createDefinitions } from '../../actors/definitions.js';
import { Outbox } from '../../actors/mailbox/outbox.js';
import type { AnyActorDefinition } from '../../actors/system/definition.js';
import { WorkerRuntime } from '../../actors/system/runtime.js';
import { createTransport, type WireTransport } from '../../actors/transport/index.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { testConfig } from './env.js';

export interface Harness {
  db: TestDatabase;
  config: Config;
  transport: WireTransport;
  outbox: Outbox;
  startWorker(definitions?: AnyActorDefinition[], owner?: string): Promise<WorkerRuntime>;
  close(): Promise<void>;
}

/** A database of the test's own, a transport on its own prefix, and in-process workers. */
export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const config = testConfig(db.url, env);
  const log = createLogger('test', config.LOG_LEVEL);
  const transport = createTransport(config, log);
  const outbox = new Outbox(db.sql, transport);
  const workers: WorkerRuntime[] = [];
  return {
    db, config, transport, outbox,
    async startWorker(definitions, owner = `test-worker-${config.KEY_PREFIX}-${workers.length}`) {
      const defs = definitions ?? createDefinitions({ sql: db.sql, outbox, config, log });
      const runtime = new WorkerRuntime({ sql: db.sql, transport, config, log, owner, definitions: defs });
      await runtime.start();
      workers.push(runtime);
      return runtime;
    },
    async close() {
      for (const w of workers) await w.stop(200).catch(() => undefined);
      await outbox.drained();
      await transport.close();
      await db.drop();
    },
  };
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
