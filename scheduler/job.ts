import type { Db } from '../db/client.js';
import type { Outbox, Staged } from '../actors/mailbox/outbox.js';

export interface Firing {
  /** When the firing was due: its key, so a second scheduler or a retry fires nothing new. */
  scheduledAt: Date;
  fireKey: string;
  tx: Db;
  outbox: Outbox;
}

/** A scheduled job: when, and the message it sends (written in the firing's transaction). */
export interface ScheduledJob {
  name: string;
  cron: string;
  tz: string;
  /** The firing's key from its due time (default: the instant). A coarser key, such as the ISO week, fires once per key. */
  fireKey?(scheduledAt: Date): string;
  /** A scheduler that starts leading this long at most after a due time nobody fired fires it then, once. */
  catchUpMs?: number;
  fire(firing: Firing): Promise<Staged>;
}
