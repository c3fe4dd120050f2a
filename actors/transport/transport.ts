import type { ActorName } from '../messages/envelope.js';

/** A hint that a mailbox row is waiting; the row, not the notice, is the message. */
export interface Notice {
  id: string;
  key?: string;
  /**
   * Set by a wire that delivers at least once (AMQP): the intake calls it once the row is
   * settled, so the notice is acknowledged only then. Unset on Redis, which never redelivers.
   */
  settle?: (outcome: NoticeOutcome) => void;
}

/**
 * What became of a notice: `settled` (the row is done, failed, taken by another worker, or
 * not due yet: acknowledge), `released` (handed back unfinished: deliver it again),
 * `rejected` (no such row: dead-letter the notice).
 */
export type NoticeOutcome = 'settled' | 'released' | 'rejected';

/** The reply an actor's answer travels back in, to whoever asked with `replyTo`. */
export interface Reply {
  id: string;
  correlationId?: string;
  state: 'done' | 'dead';
  result?: unknown;
  error?: { code: string; message: string; retryable: boolean };
}

/** Operator commands every worker process hears. */
export interface ControlCommand {
  kind: 'pause' | 'resume' | 'refresh';
  actor?: ActorName;
}

export type NoticeHandler = (notices: Notice[]) => void;

export interface ConsumeOptions {
  /** The actor's in-memory bound: an at-least-once wire delivers no more unsettled notices than this. */
  inflight?: number;
}

/**
 * The wire under the mailbox. It only carries: the mailbox table keeps every guarantee,
 * so a lost notice delays a message (the sweeper finds it), never loses it.
 */
export interface Transport {
  readonly kind: 'redis' | 'amqp';
  /** Best effort; never throws. */
  notify(actor: ActorName, notices: Notice[]): void;
  consume(actor: ActorName, onNotices: NoticeHandler, options?: ConsumeOptions): Promise<void>;
  reply(channel: string, reply: Reply): void;
  onReplies(channel: string, onReply: (reply: Reply) => void): Promise<void>;
  control(command: ControlCommand): void;
  onControl(onCommand: (command: ControlCommand) => void): Promise<void>;
  ping(timeoutMs?: number): Promise<boolean>;
  /** The key shards of an actor this process is the single active consumer of (AMQP only). */
  activeShards?(actor: ActorName): number[];
  close(): Promise<void>;
}
