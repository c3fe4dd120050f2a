import type { Sql } from '../../db/client.js';
import { insertEvents, recordExpiredLeases, type NewEvent } from '../../db/events.js';
import type { ExpiredLease, MailboxRow } from '../../db/mailbox.js';
import { Batcher } from '../common/batcher.js';
import type { ErrorShape } from '../common/errors.js';
import type { Logger } from '../common/log.js';

export type Finish = 'succeeded' | 'failed' | 'dead_lettered';

/**
 * What the runtime tells whoever watches it (lifecycle events, metrics). Calls are
 * synchronous and must not throw: watching never slows or breaks the work watched.
 */
export interface MailboxObserver {
  started(row: MailboxRow): void;
  /** `durationMs` is the handler's time; null when it never ran (an invalid payload). */
  finished(row: MailboxRow, outcome: Finish, durationMs: number | null, error: ErrorShape | null): void;
  restarted(actor: string): void;
  leasesExpired(rows: ExpiredLease[]): void;
}

/** Many observers as one; one that throws is logged and the others still hear. */
export function combineObservers(log: Logger, ...observers: Partial<MailboxObserver>[]): MailboxObserver {
  const each = <K extends keyof MailboxObserver>(name: K) => (...args: Parameters<MailboxObserver[K]>) => {
    for (const o of observers) {
      try {
        (o[name] as ((...a: Parameters<MailboxObserver[K]>) => void) | undefined)?.(...args);
      } catch (err) {
        log.warn({ err: (err as Error).message, hook: name }, 'observer failed');
      }
    }
  };
  return { started: each('started'), finished: each('finished'), restarted: each('restarted'), leasesExpired: each('leasesExpired') };
}

/** Events waiting for the database beyond this are dropped (and counted): history is not worth the worker's memory. */
const MAX_PENDING = 100_000;

/**
 * Writes lifecycle events to mailbox_events in group commits: what arrives while a batch
 * is being written goes in the next one. Best effort: a failed write loses those events,
 * never a message (the mailbox row stays the truth).
 */
export class EventRecorder implements MailboxObserver {
  private readonly batcher: Batcher<NewEvent, void>;
  private dropped = 0;

  constructor(private readonly sql: Sql, private readonly worker: string, private readonly log: Logger) {
    this.batcher = new Batcher((events) => this.write(events), 2_000);
  }

  started(row: MailboxRow): void {
    const due = Math.max(row.not_before.getTime(), row.created_at.getTime());
    this.add(row, 'started', Math.max(0, Date.now() - due), null);
  }

  finished(row: MailboxRow, outcome: Finish, durationMs: number | null, error: ErrorShape | null): void {
    this.add(row, outcome, durationMs, error);
  }

  restarted(): void {}

  leasesExpired(rows: ExpiredLease[]): void {
    recordExpiredLeases(this.sql, rows.map((r) => r.id), this.worker).catch((err: Error) => {
      this.log.warn({ err: err.message, count: rows.length }, 'could not record expired leases as events');
    });
  }

  get droppedEvents(): number {
    return this.dropped;
  }

  /** Resolves once every event recorded so far is written (or lost to an error). */
  drained(): Promise<void> {
    return this.batcher.idle();
  }

  private add(row: MailboxRow, event: NewEvent['event'], durationMs: number | null, error: ErrorShape | null): void {
    if (this.batcher.size >= MAX_PENDING) {
      this.dropped++;
      return;
    }
    const e: NewEvent = {
      messageId: row.id, actor: row.actor, type: row.type, event, at: new Date(), attempt: row.attempts,
      durationMs, worker: this.worker, errorCode: error?.code ?? null, errorMessage: error?.message ?? null,
    };
    void this.batcher.add(e);
  }

  private async write(events: NewEvent[]): Promise<void[]> {
    try {
      await this.sql.begin((tx) => insertEvents(tx, events));
    } catch (err) {
      this.log.warn({ err: (err as Error).message, count: events.length }, 'lifecycle events not recorded');
    }
    return events.map(() => undefined);
  }
}
