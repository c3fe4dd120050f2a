import type { Db } from './client.js';

/** One scored pair, as stored. */
export interface ScoredPair {
  offer_id: string;
  request_id: string;
  buyer_id: string;
  score: number;
}

function columns(pairs: ScoredPair[]) {
  return {
    offers: pairs.map((p) => p.offer_id), requests: pairs.map((p) => p.request_id),
    buyers: pairs.map((p) => p.buyer_id), scores: pairs.map((p) => p.score),
  };
}

/**
 * Writes pairs; a pair already there keeps its row and only changes a changed score. In
 * key order, so two writers over the same offers take their row locks in the same order.
 */
export async function upsertMatches(sql: Db, pairs: ScoredPair[]): Promise<void> {
  if (pairs.length === 0) return;
  const key = (p: ScoredPair) => `${p.offer_id}/${p.request_id}`;
  const c = columns([...pairs].sort((a, b) => (key(a) < key(b) ? -1 : 1)));
  await sql`
    insert into matches (offer_id, request_id, buyer_id, score)
    select * from unnest(${c.offers}::uuid[], ${c.requests}::uuid[], ${c.buyers}::uuid[], ${c.scores}::float8[])
    on conflict (offer_id, request_id) do update set score = excluded.score, updated_at = now()
    where matches.score is distinct from excluded.score`;
}

/**
 * Makes `pairs` the whole match list of each offer in `offerIds`: what is not among them
 * goes, what is gets written. Returns the offers whose list changed.
 */
export async function replaceOfferMatches(sql: Db, offerIds: string[], pairs: ScoredPair[]): Promise<void> {
  if (offerIds.length === 0) return;
  const c = columns(pairs);
  await sql`
    delete from matches m where m.offer_id = any(${offerIds}::uuid[])
      and not exists (select 1 from unnest(${c.offers}::uuid[], ${c.requests}::uuid[]) as k(offer_id, request_id)
                      where k.offer_id = m.offer_id and k.request_id = m.request_id)`;
  await upsertMatches(sql, pairs);
}

/** Drops every match of the offers (withdrawn, sold). */
export async function deleteOfferMatches(sql: Db, offerIds: string[]): Promise<void> {
  await sql`delete from matches where offer_id = any(${offerIds}::uuid[])`;
}

/** Drops a request's matches; returns the offers that had one. */
export async function deleteRequestMatches(sql: Db, requestId: string, exceptOffers: string[] = []): Promise<string[]> {
  const rows = await sql<{ offer_id: string }[]>`
    delete from matches where request_id = ${requestId} and not (offer_id = any(${exceptOffers}::uuid[]))
    returning offer_id`;
  return rows.map((r) => r.offer_id);
}

/**
 * The score an offer's list asks of a request: the lowest of the others' scores once they
 * fill the list (lists are kept at `keep`), else 0. A superset of who gets in: equal
 * scores are settled by trimOfferMatches afterwards.
 */
export async function admissionScores(sql: Db, offerIds: string[], keep: number, requestId: string): Promise<Map<string, number>> {
  const rows = await sql<{ offer_id: string; score: number }[]>`
    select offer_id, min(score) as score from matches
    where offer_id = any(${offerIds}::uuid[]) and request_id <> ${requestId}
    group by offer_id having count(*) >= ${keep}`;
  return new Map(rows.map((r) => [r.offer_id, r.score]));
}

/** Keeps the `keep` best matches of each offer; returns the offers that lost one. */
export async function trimOfferMatches(sql: Db, offerIds: string[], keep: number): Promise<string[]> {
  if (offerIds.length === 0) return [];
  const rows = await sql<{ offer_id: string }[]>`
    delete from matches m using (
      select offer_id, request_id, row_number() over (partition by offer_id order by score desc, request_id) as rank
      from matches where offer_id = any(${offerIds}::uuid[])) ranked
    where m.offer_id = ranked.offer_id and m.request_id = ranked.request_id and ranked.rank > ${keep}
    returning m.offer_id`;
  return [...new Set(rows.map((r) => r.offer_id))];
}
