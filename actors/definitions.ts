import type { Sql } from '../db/client.js';
import type { Config } from './common/config.js';
import type { Logger } from './common/log.js';
import { createContainer } from './container/actor.js';
import { createHousekeeping } from './housekeeping/actor.js';
import { createIngestion } from './ingestion/actor.js';
import type { Outbox } from './mailbox/outbox.js';
import { createMatching } from './matching/actor.js';
import { createNewsletter } from './newsletter/actor.js';
import type { AnyActorDefinition } from './system/definition.js';

export interface ActorDeps {
  sql: Sql;
  outbox: Outbox;
  config: Config;
  log: Logger;
}

/** Every actor kind the worker runs, with the operator's limits (ACTOR_LIMITS) applied. */
export function createDefinitions(deps: ActorDeps): AnyActorDefinition[] {
  const defs: AnyActorDefinition[] = [
    createIngestion(deps),
    createMatching(deps),
    createNewsletter(deps),
    createContainer(deps),
    createHousekeeping(deps),
  ];
  return defs.map((def) => withLimits(def, deps.config));
}

function withLimits(def: AnyActorDefinition, config: Config): AnyActorDefinition {
  const o = config.ACTOR_LIMITS[def.name] ?? {};
  return {
    ...def,
    pool: o.pool ?? def.pool,
    inflight: o.inflight ?? def.inflight,
    timeoutMs: o.timeoutMs ?? def.timeoutMs,
    maxAttempts: o.maxAttempts ?? def.maxAttempts,
  };
}
