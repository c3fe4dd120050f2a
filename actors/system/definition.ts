import type { Logger } from '../common/log.js';
import type { ActorName } from '../messages/envelope.js';

/** The message as a handler sees it: validated payload and the envelope's facts. */
export interface IncomingMessage {
  id: string;
  type: string;
  payload: unknown;
  key: string | null;
  attempts: number;
  correlationId: string | null;
  origin: string | null;
}

export interface HandlerContext<S> {
  message: IncomingMessage;
  /** This actor instance's in-memory state; a restart after a crash starts it afresh. */
  state: S;
  /** Carries msgId, actor and type on every line. */
  log: Logger;
  /** Aborted when the message runs past its time limit or the worker shuts down. */
  signal: AbortSignal;
}

/**
 * An actor kind as the worker runs it: a thin shell whose `handle` switches on the type
 * and calls pure decisions and injected I/O (spawned through factories like
 * `createIngestion({ sql, outbox, log })`). Its return value is the message's result.
 */
export interface ActorDefinition<S = unknown> {
  name: ActorName;
  /** Children in the keyed pool: messages with one key always reach the same child, in order. */
  pool: number;
  /** Messages held in memory at most (claimed, not finished); the rest wait in PostgreSQL. */
  inflight: number;
  timeoutMs: number;
  maxAttempts: number;
  initialState: () => S;
  handle: (ctx: HandlerContext<S>) => Promise<unknown>;
  /** Closes what the actor opened itself (an SMTP pool, a Redis connection); run once its work has drained. */
  stop?: () => Promise<void>;
}

export type AnyActorDefinition = ActorDefinition<any>;
