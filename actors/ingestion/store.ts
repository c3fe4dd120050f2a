import type { Sql } from '../../db/client.js';
import { markIngested, type IngestedFacts } from '../../db/emails.js';
import { insertEmailOffers } from '../../db/offers.js';
import type { Outbox, Staged } from '../mailbox/outbox.js';
import type { ExtractedLine } from './extract/index.js';

/** The most offer ids one matchOffers message carries (its schema's bound). */
const IDS_PER_MESSAGE = 1_000;

/**
 * Stores an e-mail's offers, marks it ingested and queues matchOffers for them, in one
 * transaction: either all of it happened or none. Run again, it adds no offer and no
 * message (unique lines per e-mail, dedupe key per e-mail).
 */
export async function storeOffers(sql: Sql, outbox: Outbox, emailId: string, facts: IngestedFacts, lines: ExtractedLine[]): Promise<string[]> {
  const { ids, staged } = await sql.begin(async (tx) => {
    const offerIds = await insertEmailOffers(tx, emailId, facts.millId, lines);
    await markIngested(tx, emailId, facts);
    const messages: Staged[] = [];
    for (const [i, chunk] of chunks(offerIds, IDS_PER_MESSAGE).entries()) {
      const dedupeKey = i === 0 ? `offers:${emailId}` : `offers:${emailId}:${i + 1}`;
      messages.push(await outbox.stage(tx, 'matching', 'matchOffers', { offerIds: chunk }, { dedupeKey, origin: `email:${emailId}` }));
    }
    return { ids: offerIds, staged: messages };
  });
  outbox.announce(staged);
  return ids;
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
