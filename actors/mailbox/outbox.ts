import type { Db, Sql } from '../../db/client.js';
import { insertMessages, type Inserted, type NewMessage } from '../../db/mailbox.js';
import { Batcher } from '../common/batcher.js';
import type { ActorName, MessageType, PayloadOf, SendOptions } from '../messages/index.js';
import type { Transport } from '../transport/transport.js';
import { buildMessage } from './build.js';

export type { Inserted };

/** A message written inside a caller's transaction, to be announced once that commits. */
export interface Staged {
  message: NewMessage;
  inserted: Inserted;
}

/**
 * The one way to send (DESIGN.md, "Delivery"): write the envelope to the mailbox, then
 * announce it on the transport. A send that could not be written rejects; a notice that
 * could not be published only delays the message until the sweeper finds it.
 */
export class Outbox {
  private readonly batcher: Batcher<NewMessage, Inserted>;

  constructor(private readonly sql: Sql, private readonly transport: Transport) {
    this.batcher = new Batcher((batch) => this.write(batch), 1_000);
  }

  async send<A extends ActorName, T extends MessageType<A>>(
    actor: A, type: T, payload: PayloadOf<A, T>, opts: SendOptions = {},
  ): Promise<Inserted> {
    return this.batcher.add(buildMessage(actor, type, payload, opts));
  }

  /** Writes a message in the caller's transaction; call `announce` after the commit. */
  async stage<A extends ActorName, T extends MessageType<A>>(
    tx: Db, actor: A, type: T, payload: PayloadOf<A, T>, opts: SendOptions = {},
  ): Promise<Staged> {
    const message = buildMessage(actor, type, payload, opts);
    const [inserted] = await insertMessages(tx, [message]);
    return { message, inserted: inserted as Inserted };
  }

  announce(staged: Staged[]): void {
    this.notify(staged.filter((s) => s.inserted.created).map((s) => s.message));
  }

  /** Resolves when every send made so far has been written. */
  drained(): Promise<void> {
    return this.batcher.idle();
  }

  private async write(batch: NewMessage[]): Promise<Inserted[]> {
    const { unique, firstOf } = dedupeWithinBatch(batch);
    const inserted = await insertMessages(this.sql, unique);
    const byId = new Map(inserted.map((r, i) => [unique[i]!.id, r]));
    this.notify(unique.filter((m) => byId.get(m.id)?.created));
    return batch.map((m) => {
      const first = firstOf.get(m.id) ?? m.id;
      const result = byId.get(first) as Inserted;
      return first === m.id ? result : { id: result.id, created: false };
    });
  }

  private notify(messages: NewMessage[]): void {
    const byActor = new Map<ActorName, NewMessage[]>();
    for (const m of messages) {
      const list = byActor.get(m.actor as ActorName) ?? [];
      list.push(m);
      byActor.set(m.actor as ActorName, list);
    }
    for (const [actor, list] of byActor) {
      this.transport.notify(actor, list.map((m) => (m.key ? { id: m.id, key: m.key } : { id: m.id })));
    }
  }
}

/** Two sends of one dedupe key in one batch: the later one answers with the first one's row. */
function dedupeWithinBatch(batch: NewMessage[]): { unique: NewMessage[]; firstOf: Map<string, string> } {
  const seen = new Map<string, string>();
  const firstOf = new Map<string, string>();
  const unique: NewMessage[] = [];
  for (const m of batch) {
    const k = m.dedupe_key === undefined ? undefined : `${m.actor}\u0000${m.dedupe_key}`;
    const first = k === undefined ? undefined : seen.get(k);
    if (first !== undefined) {
      firstOf.set(m.id, first);
      continue;
    }
    if (k !== undefined) seen.set(k, m.id);
    unique.push(m);
  }
  return { unique, firstOf };
}
