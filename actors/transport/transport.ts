import type { ActorName } from '../messages/envelope.js';

/** A hint that a mailbox row is waiting; the row, not the notice, is the message. */
export interface Notice {
  id: string;
  key?: string;
}

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

/**
 * The wire under the mailbox. It only carries: the mailbox table keeps every guarantee,
 * so a lost notice delays a message (the sweeper finds it), never loses it.
 */
export interface Transport {
  readonly kind: 'redis' | 'amqp';
  /** Best effort; never throws. */
  notify(actor: ActorName, notices: Notice[]): void;
  consume(actor: ActorName, onNotices: NoticeHandler): Promise<void>;
  reply(channel: string, reply: Reply): void;
  onReplies(channel: string, onReply: (reply: Reply) => void): Promise<void>;
  control(command: ControlCommand): void;
  onControl(onCommand: (command: ControlCommand) => void): Promise<void>;
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}
