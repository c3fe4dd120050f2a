import { describe, expect, it } from 'vitest';
import { initialExclusivity, transition } from '../../actors/matching/exclusivity.js';
import { effectsOf, expiryKey, offerStatusOf, reconcilingEvent, type LockedOffer } from '../../actors/matching/exclusivity-effects.js';
import type { Candidate, ExclusivityState } from '../../actors/matching/exclusivity-types.js';

const T0 = new Date('2026-12-04T10:00:00.000Z');
const A: Candidate = { buyer_id: 'buyer-a', request_id: 'req-a', score: 0.9, tier: 'standard' };
const B: Candidate = { buyer_id: 'buyer-b', request_id: 'req-b', score: 0.8, tier: 'standard' };
const row = (over: Partial<LockedOffer> = {}): LockedOffer => ({
  id: 'offer-1', status: 'open', exclusive_buyer_id: null, quantity_t: 24, price_amount: 410, price_currency: 'EUR', ...over,
});
let n = 0;
const ids = () => `id-${++n}`;

const OPEN = initialExclusivity('offer-1');
const opened = transition(OPEN, { type: 'matchesRanked', candidates: [A, B] }, T0);
const EXCLUSIVE = opened.state;

describe('effectsOf', () => {
  it('opens a window: a row, its expiry message, the state and the offer shown as exclusive', () => {
    const e = effectsOf(row(), OPEN, opened, 'matching', T0, ids);
    expect(e.opened).toEqual([expect.objectContaining({ window_key: 'offer-1/w1', buyer_id: 'buyer-a', request_id: 'req-a', expires_at: '2026-12-06T10:00:00.000Z' })]);
    expect(e.expiries).toEqual([{ offer_id: 'offer-1', window_key: 'offer-1/w1', at: '2026-12-06T10:00:00.000Z', dedupe_key: 'expire:offer-1/w1' }]);
    expect(e.statuses).toEqual([{ offer_id: 'offer-1', status: 'exclusive', exclusive_buyer_id: 'buyer-a' }]);
    expect(e.states).toHaveLength(1);
  });

  it('accepting records the deal with the locked quantity and price and shows the offer reserved', () => {
    const t = transition(EXCLUSIVE, { type: 'accepted', window_id: 'offer-1/w1', buyer_id: 'buyer-a' }, new Date(T0.getTime() + 3_600_000));
    const e = effectsOf(row({ status: 'exclusive', exclusive_buyer_id: 'buyer-a' }), EXCLUSIVE, t, 'key:k1', T0, ids);
    expect(e.deals).toEqual([expect.objectContaining({ offer_id: 'offer-1', buyer_id: 'buyer-a', window_key: 'offer-1/w1', quantity_t: 24, price_amount: 410, created_by: 'key:k1' })]);
    expect(e.closed).toEqual([{ window_key: 'offer-1/w1', outcome: 'accepted', decided_by: 'key:k1' }]);
    expect(e.statuses).toEqual([{ offer_id: 'offer-1', status: 'reserved', exclusive_buyer_id: 'buyer-a' }]);
  });

  it('an early expiry is scheduled again under a dedupe key of its own', () => {
    const early = new Date(T0.getTime() + 60_000);
    const t = transition(EXCLUSIVE, { type: 'expired', window_id: 'offer-1/w1' }, early);
    const e = effectsOf(row({ status: 'exclusive', exclusive_buyer_id: 'buyer-a' }), EXCLUSIVE, t, 'expiry', early, ids);
    expect(e.expiries.map((x) => x.dedupe_key)).toEqual([expiryKey('offer-1/w1', early.toISOString())]);
    expect([e.states, e.statuses, e.closed]).toEqual([[], [], []]);
  });

  it('writes nothing when nothing changed', () => {
    const t = transition(EXCLUSIVE, { type: 'matchesRanked', candidates: [A, B] }, T0);
    const e = effectsOf(row({ status: 'exclusive', exclusive_buyer_id: 'buyer-a' }), EXCLUSIVE, t, 'matching', T0, ids);
    expect(Object.values(e).every((list) => list.length === 0)).toBe(true);
  });
});

describe('offer status and reconciliation', () => {
  it.each<[string, ExclusivityState['status'], string | null]>([
    ['open', 'open', null], ['exclusive', 'exclusive', 'buyer-a'],
  ])('shows %s', (_, status, buyer) => {
    const state = status === 'open' ? OPEN : EXCLUSIVE;
    expect(offerStatusOf(state)).toEqual({ offer_id: 'offer-1', status, exclusive_buyer_id: buyer });
  });

  it('leaves withdrawn and sold to whoever withdrew or sold', () => {
    expect(offerStatusOf({ ...OPEN, status: 'withdrawn' })).toBeNull();
  });

  it('closes the machine of an offer withdrawn or sold outside it', () => {
    expect(reconcilingEvent(EXCLUSIVE, row({ status: 'withdrawn' }))).toEqual({ type: 'withdrawn' });
    expect(reconcilingEvent({ ...EXCLUSIVE, status: 'reserved' }, row({ status: 'sold' }))).toEqual({ type: 'sold' });
    expect(reconcilingEvent(EXCLUSIVE, row({ status: 'exclusive' }))).toBeUndefined();
    expect(reconcilingEvent({ ...OPEN, status: 'withdrawn' }, row({ status: 'withdrawn' }))).toBeUndefined();
  });
});
