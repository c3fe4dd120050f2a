import type { ExclusivityEvent, ExclusivityState, Transition } from './exclusivity-types.js';

/**
 * What a transition of the exclusivity machine means for the tables, worked out without
 * touching them: the shell (exclusivity-shell.ts) writes it in the transaction that holds
 * the offer's lock. Pure, so it is tested on its own.
 */

/** The offer row as locked: what the machine's status is compared with, what a deal records. */
export interface LockedOffer {
  id: string;
  status: ExclusivityState['status'];
  exclusive_buyer_id: string | null;
  quantity_t: number | null;
  price_amount: number | null;
  price_currency: string | null;
}

export interface WindowOpened {
  id: string;
  window_key: string;
  offer_id: string;
  buyer_id: string;
  request_id: string;
  score: number;
  opened_at: string;
  expires_at: string;
}

export interface DealRecorded {
  id: string;
  offer_id: string;
  buyer_id: string;
  request_id: string;
  window_key: string;
  score: number;
  quantity_t: number | null;
  price_amount: number | null;
  price_currency: string | null;
  created_by: string;
}

export interface Effects {
  states: { offer_id: string; state: ExclusivityState }[];
  opened: WindowOpened[];
  closed: { window_key: string; outcome: string; decided_by: string }[];
  deals: DealRecorded[];
  statuses: { offer_id: string; status: 'open' | 'exclusive' | 'reserved'; exclusive_buyer_id: string | null }[];
  expiries: { offer_id: string; window_key: string; at: string; dedupe_key: string }[];
}

export function noEffects(): Effects {
  return { states: [], opened: [], closed: [], deals: [], statuses: [], expiries: [] };
}

export function mergeEffects(into: Effects, more: Effects): Effects {
  for (const k of Object.keys(into) as (keyof Effects)[]) (into[k] as unknown[]).push(...more[k]);
  return into;
}

/** The status and buyer the offers table should show for a machine state; null: not ours to set. */
export function offerStatusOf(state: ExclusivityState): Effects['statuses'][number] | null {
  const offer_id = state.offer_id;
  switch (state.status) {
    case 'exclusive': return { offer_id, status: 'exclusive', exclusive_buyer_id: state.window?.buyer_id ?? null };
    case 'reserved': return { offer_id, status: 'reserved', exclusive_buyer_id: state.past.find((p) => p.outcome === 'accepted')?.buyer_id ?? null };
    case 'open': return { offer_id, status: 'open', exclusive_buyer_id: null };
    default: return null;
  }
}

/** The dedupe key of a window's expiry message; a re-scheduled expiry gets its own. */
export function expiryKey(windowKey: string, again?: string): string {
  return again === undefined ? `expire:${windowKey}` : `expire:${windowKey}:again:${again}`;
}

function statusChange(offer: LockedOffer, state: ExclusivityState): Effects['statuses'] {
  const wanted = offerStatusOf(state);
  if (!wanted || (wanted.status === offer.status && wanted.exclusive_buyer_id === offer.exclusive_buyer_id)) return [];
  return [wanted];
}

export function effectsOf(offer: LockedOffer, before: ExclusivityState, t: Transition, by: string, now: Date, newId: () => string): Effects {
  const e = noEffects();
  const openedHere = new Set<string>();
  for (const a of t.actions) {
    if (a.type === 'openWindow') {
      openedHere.add(a.window.window_id);
      e.opened.push({ id: newId(), window_key: a.window.window_id, offer_id: a.offer_id, ...pickWindow(a.window) });
    } else if (a.type === 'scheduleExpiry') {
      const again = openedHere.has(a.window_id) ? undefined : now.toISOString();
      e.expiries.push({ offer_id: a.offer_id, window_key: a.window_id, at: a.at, dedupe_key: expiryKey(a.window_id, again) });
    } else if (a.type === 'closeWindow') {
      e.closed.push({ window_key: a.window_id, outcome: a.outcome, decided_by: by });
    } else if (a.type === 'recordDeal') {
      const { quantity_t, price_amount, price_currency } = offer;
      e.deals.push({ id: newId(), offer_id: a.offer_id, buyer_id: a.buyer_id, request_id: a.request_id, window_key: a.window_id, score: a.score, quantity_t, price_amount, price_currency, created_by: by });
    }
  }
  if (JSON.stringify(before) !== JSON.stringify(t.state)) e.states.push({ offer_id: offer.id, state: t.state });
  e.statuses.push(...statusChange(offer, t.state));
  return e;
}

function pickWindow(w: { buyer_id: string; request_id: string; score: number; opened_at: string; expires_at: string }) {
  return { buyer_id: w.buyer_id, request_id: w.request_id, score: w.score, opened_at: w.opened_at, expires_at: w.expires_at };
}

/** The event that brings the machine in line with an offer withdrawn or sold outside it. */
export function reconcilingEvent(state: ExclusivityState, offer: LockedOffer): ExclusivityEvent | undefined {
  if (offer.status !== 'withdrawn' && offer.status !== 'sold') return undefined;
  if (state.status === 'withdrawn' || state.status === 'sold') return undefined;
  return offer.status === 'sold' && state.status === 'reserved' ? { type: 'sold' } : { type: 'withdrawn' };
}
