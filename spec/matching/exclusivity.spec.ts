import { describe, expect, it } from 'vitest';
import { initialExclusivity, rankCandidates, transition } from '../../actors/matching/exclusivity.js';
import type { Candidate, ExclusivityEvent, ExclusivityState, Transition } from '../../actors/matching/exclusivity-types.js';
import { windowHours } from '../../actors/matching/window-config.js';

const T0 = new Date('2026-12-04T10:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const EXPIRES = '2026-12-06T10:00:00.000Z';

const A: Candidate = { buyer_id: 'buyer-a', request_id: 'req-a', score: 0.91, tier: 'standard' };
const B: Candidate = { buyer_id: 'buyer-b', request_id: 'req-b', score: 0.84, tier: 'standard' };
const C: Candidate = { buyer_id: 'buyer-c', request_id: 'req-c', score: 0.62, tier: 'standard' };

const OPEN = initialExclusivity('offer-1');
const ranked = (...candidates: Candidate[]): ExclusivityEvent => ({ type: 'matchesRanked', candidates });
const accepted = (window_id: string, buyer_id: string): ExclusivityEvent => ({ type: 'accepted', window_id, buyer_id });
const declined = (window_id: string, buyer_id: string): ExclusivityEvent => ({ type: 'declined', window_id, buyer_id });
const expired = (window_id: string): ExclusivityEvent => ({ type: 'expired', window_id });

/** Runs events from a state, each at its own time, returning the last transition. */
function run(state: ExclusivityState, steps: [ExclusivityEvent, Date][]): Transition {
  let t: Transition = { state, actions: [] };
  for (const [event, now] of steps) t = transition(t.state, event, now);
  return t;
}

// A's window w1 open, B and C queued; C's window w3 is the last; and the ended states.
const EXCLUSIVE = run(OPEN, [[ranked(C, A, B), T0]]).state;
const LAST = run(EXCLUSIVE, [[declined('offer-1/w1', 'buyer-a'), T0], [expired('offer-1/w2'), at(48)]]).state;
const RESERVED = run(EXCLUSIVE, [[accepted('offer-1/w1', 'buyer-a'), at(1)]]).state;
const WITHDRAWN = run(EXCLUSIVE, [[{ type: 'withdrawn' }, at(1)]]).state;
const SOLD = run(RESERVED, [[{ type: 'sold' }, at(2)]]).state;
const MARKET = run(LAST, [[declined('offer-1/w3', 'buyer-c'), at(50)]]).state;

describe('fixtures', () => {
  it('reach the states they are named after', () => {
    expect([EXCLUSIVE, LAST, RESERVED, WITHDRAWN, SOLD, MARKET].map((s) => s.status))
      .toEqual(['exclusive', 'exclusive', 'reserved', 'withdrawn', 'sold', 'open']);
    expect(LAST.window?.window_id).toBe('offer-1/w3');
    expect(LAST.queue).toEqual([]);
  });
});

type Row = [string, ExclusivityState, ExclusivityEvent, Date, ExclusivityState['status'], string[]];
const table: Row[] = [
  ['open × ranked → window for the best', OPEN, ranked(B, A), T0, 'exclusive', ['openWindow', 'scheduleExpiry']],
  ['open × ranked, nobody → stays open', OPEN, ranked(), T0, 'open', []],
  ['open × accepted → no window', OPEN, accepted('offer-1/w1', 'buyer-a'), T0, 'open', ['refused:B2B_WINDOW_NOT_FOUND']],
  ['open × declined → no window', OPEN, declined('offer-1/w1', 'buyer-a'), T0, 'open', ['refused:B2B_WINDOW_NOT_FOUND']],
  ['open × expired → ignored', OPEN, expired('offer-1/w1'), T0, 'open', []],
  ['open × withdrawn', OPEN, { type: 'withdrawn' }, T0, 'withdrawn', []],
  ['open × sold → not reserved', OPEN, { type: 'sold' }, T0, 'open', ['refused:B2B_CONFLICT']],
  ['exclusive × ranked → window kept', EXCLUSIVE, ranked(C, B), at(1), 'exclusive', []],
  ['exclusive × accepted in time', EXCLUSIVE, accepted('offer-1/w1', 'buyer-a'), at(47.9), 'reserved', ['reserveQuantity', 'recordDeal', 'closeWindow']],
  ['exclusive × accepted at expiry', EXCLUSIVE, accepted('offer-1/w1', 'buyer-a'), at(48), 'exclusive', ['refused:B2B_WINDOW_CLOSED']],
  ['exclusive × accepted after expiry', EXCLUSIVE, accepted('offer-1/w1', 'buyer-a'), at(60), 'exclusive', ['refused:B2B_WINDOW_CLOSED']],
  ['exclusive × accepted by another buyer', EXCLUSIVE, accepted('offer-1/w1', 'buyer-b'), at(1), 'exclusive', ['refused:B2B_WINDOW_NOT_FOUND']],
  ['exclusive × accepted, unknown window', EXCLUSIVE, accepted('offer-1/w9', 'buyer-a'), at(1), 'exclusive', ['refused:B2B_WINDOW_NOT_FOUND']],
  ['exclusive × declined → next buyer', EXCLUSIVE, declined('offer-1/w1', 'buyer-a'), at(1), 'exclusive', ['closeWindow', 'openWindow', 'scheduleExpiry']],
  ['exclusive × declined after expiry', EXCLUSIVE, declined('offer-1/w1', 'buyer-a'), at(48), 'exclusive', ['refused:B2B_WINDOW_CLOSED']],
  ['exclusive × expired at expires_at → next buyer', EXCLUSIVE, expired('offer-1/w1'), at(48), 'exclusive', ['closeWindow', 'openWindow', 'scheduleExpiry']],
  ['exclusive × expired early → rescheduled', EXCLUSIVE, expired('offer-1/w1'), at(47), 'exclusive', ['scheduleExpiry']],
  ['exclusive × stale expiry id → ignored', EXCLUSIVE, expired('offer-1/w0'), at(49), 'exclusive', []],
  ['exclusive × withdrawn → window closed', EXCLUSIVE, { type: 'withdrawn' }, at(1), 'withdrawn', ['closeWindow']],
  ['exclusive × sold → not reserved', EXCLUSIVE, { type: 'sold' }, at(1), 'exclusive', ['refused:B2B_CONFLICT']],
  ['last × declined → open market', LAST, declined('offer-1/w3', 'buyer-c'), at(49), 'open', ['closeWindow', 'openMarket']],
  ['last × expired → open market', LAST, expired('offer-1/w3'), at(96), 'open', ['closeWindow', 'openMarket']],
  ['last × accepted by an earlier buyer', LAST, accepted('offer-1/w1', 'buyer-a'), at(49), 'exclusive', ['refused:B2B_WINDOW_CLOSED']],
  ['market × ranked, only past buyers → stays open', MARKET, ranked(A, B, C), at(51), 'open', []],
  ['market × ranked, a new buyer → window', MARKET, ranked(A, { ...B, buyer_id: 'buyer-d' }), at(51), 'exclusive', ['openWindow', 'scheduleExpiry']],
  ['reserved × ranked', RESERVED, ranked(B), at(2), 'reserved', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['reserved × accepted again', RESERVED, accepted('offer-1/w1', 'buyer-a'), at(2), 'reserved', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['reserved × declined', RESERVED, declined('offer-1/w1', 'buyer-a'), at(2), 'reserved', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['reserved × expiry of the accepted window', RESERVED, expired('offer-1/w1'), at(48), 'reserved', []],
  ['reserved × withdrawn', RESERVED, { type: 'withdrawn' }, at(2), 'reserved', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['reserved × sold', RESERVED, { type: 'sold' }, at(2), 'sold', []],
  ['withdrawn × ranked', WITHDRAWN, ranked(A), at(2), 'withdrawn', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['withdrawn × accepted', WITHDRAWN, accepted('offer-1/w1', 'buyer-a'), at(2), 'withdrawn', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['withdrawn × declined', WITHDRAWN, declined('offer-1/w1', 'buyer-a'), at(2), 'withdrawn', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['withdrawn × expired', WITHDRAWN, expired('offer-1/w1'), at(48), 'withdrawn', []],
  ['withdrawn × withdrawn', WITHDRAWN, { type: 'withdrawn' }, at(2), 'withdrawn', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['withdrawn × sold', WITHDRAWN, { type: 'sold' }, at(2), 'withdrawn', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['sold × ranked', SOLD, ranked(A), at(3), 'sold', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['sold × accepted', SOLD, accepted('offer-1/w1', 'buyer-a'), at(3), 'sold', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['sold × declined', SOLD, declined('offer-1/w1', 'buyer-a'), at(3), 'sold', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['sold × expired', SOLD, expired('offer-1/w1'), at(48), 'sold', []],
  ['sold × withdrawn', SOLD, { type: 'withdrawn' }, at(3), 'sold', ['refused:B2B_OFFER_UNAVAILABLE']],
  ['sold × sold', SOLD, { type: 'sold' }, at(3), 'sold', ['refused:B2B_OFFER_UNAVAILABLE']],
];

const summary = (t: Transition) => t.actions.map((a) => (a.type === 'refused' ? `refused:${a.code}` : a.type));

describe('transition table', () => {
  it.each(table)('%s', (_name, state, event, now, status, actions) => {
    const before = structuredClone(state);
    const t = transition(state, event, now);
    expect(t.state.status).toBe(status);
    expect(summary(t)).toEqual(actions);
    expect(state).toEqual(before);
    if (actions.length === 0 && status === state.status) expect(t.state).toEqual(state);
    if (actions[0]?.startsWith('refused')) expect(t.state).toBe(state);
  });
});

describe('windows', () => {
  it('opens the first window for the best buyer, 48 hours, with a deterministic id', () => {
    const t = transition(OPEN, ranked(C, A, B), T0);
    const window = { window_id: 'offer-1/w1', buyer_id: 'buyer-a', request_id: 'req-a', score: 0.91, opened_at: T0.toISOString(), expires_at: EXPIRES };
    expect(t.state).toEqual({ ...OPEN, status: 'exclusive', queue: [B, C], window, windows_opened: 1 });
    expect(t.actions).toEqual([
      { type: 'openWindow', offer_id: 'offer-1', window },
      { type: 'scheduleExpiry', offer_id: 'offer-1', window_id: 'offer-1/w1', at: EXPIRES },
    ]);
  });

  it('takes the window length from the buyer tier', () => {
    const config = { default_hours: 48, by_tier: { premium: 72 } };
    const t = transition(OPEN, ranked({ ...A, tier: 'premium' }), T0, config);
    expect(t.state.window?.expires_at).toBe('2026-12-07T10:00:00.000Z');
    expect(windowHours('premium', config)).toBe(72);
    expect(windowHours('trial', config)).toBe(48);
    expect(windowHours('anything')).toBe(48);
  });

  it('accepting reserves the quantity, records the deal and closes the window', () => {
    const t = transition(EXCLUSIVE, accepted('offer-1/w1', 'buyer-a'), at(1));
    const deal = { offer_id: 'offer-1', buyer_id: 'buyer-a', request_id: 'req-a' };
    expect(t.actions).toEqual([
      { type: 'reserveQuantity', ...deal },
      { type: 'recordDeal', ...deal, window_id: 'offer-1/w1', score: 0.91, at: at(1).toISOString() },
      { type: 'closeWindow', offer_id: 'offer-1', window_id: 'offer-1/w1', buyer_id: 'buyer-a', outcome: 'accepted' },
    ]);
    expect(t.state).toEqual({
      ...EXCLUSIVE, status: 'reserved', queue: [], window: null,
      past: [{ window_id: 'offer-1/w1', buyer_id: 'buyer-a', request_id: 'req-a', outcome: 'accepted' }],
    });
  });

  it('refuses an accept after expiry with the reason, leaving the state as it was', () => {
    const t = transition(EXCLUSIVE, accepted('offer-1/w1', 'buyer-a'), at(48));
    expect(t).toEqual({
      state: EXCLUSIVE,
      actions: [{ type: 'refused', event: 'accepted', code: 'B2B_WINDOW_CLOSED', message: `window offer-1/w1 expired at ${EXPIRES}` }],
    });
  });

  it('refuses an accept of a window that was passed on, saying how it closed', () => {
    const t = transition(LAST, accepted('offer-1/w2', 'buyer-b'), at(49));
    expect(t.actions).toEqual([{ type: 'refused', event: 'accepted', code: 'B2B_WINDOW_CLOSED', message: 'window offer-1/w2 closed: expired' }]);
  });

  it('walks the queue in score order, then to the open market', () => {
    const t = run(OPEN, [
      [ranked(C, A, B), T0],
      [expired('offer-1/w1'), at(48)],
      [declined('offer-1/w2', 'buyer-b'), at(50)],
      [expired('offer-1/w3'), at(98)],
    ]);
    expect(t.state.past.map((p) => [p.buyer_id, p.outcome])).toEqual([['buyer-a', 'expired'], ['buyer-b', 'declined'], ['buyer-c', 'expired']]);
    expect(t.state).toMatchObject({ status: 'open', window: null, queue: [], windows_opened: 3 });
    expect(t.actions).toEqual([
      { type: 'closeWindow', offer_id: 'offer-1', window_id: 'offer-1/w3', buyer_id: 'buyer-c', outcome: 'expired' },
      { type: 'openMarket', offer_id: 'offer-1' },
    ]);
  });

  it('the next window starts when the previous one ends', () => {
    const t = transition(EXCLUSIVE, declined('offer-1/w1', 'buyer-a'), at(5));
    expect(t.state.window).toMatchObject({ window_id: 'offer-1/w2', buyer_id: 'buyer-b', opened_at: at(5).toISOString(), expires_at: at(53).toISOString() });
  });

  it('a double expiry changes nothing the second time', () => {
    const first = transition(EXCLUSIVE, expired('offer-1/w1'), at(48));
    const second = transition(first.state, expired('offer-1/w1'), at(48.1));
    expect(second).toEqual({ state: first.state, actions: [] });
  });

  it('an expiry after an accept leaves the offer reserved', () => {
    const reserved = transition(EXCLUSIVE, accepted('offer-1/w1', 'buyer-a'), at(47)).state;
    expect(transition(reserved, expired('offer-1/w1'), at(48))).toEqual({ state: reserved, actions: [] });
  });

  it('a re-ranking while a window is open replaces only who comes next', () => {
    const d: Candidate = { buyer_id: 'buyer-d', request_id: 'req-d', score: 0.99, tier: 'standard' };
    const t = transition(EXCLUSIVE, ranked(B, d, { ...A, score: 1 }), at(1));
    expect(t.state.window?.buyer_id).toBe('buyer-a');
    expect(t.state.queue).toEqual([d, B]);
  });
});

describe('rankCandidates', () => {
  it('orders by score and keeps each buyer once, with their best request', () => {
    const a2 = { ...A, request_id: 'req-a2', score: 0.95 };
    expect(rankCandidates([B, A, a2, C])).toEqual([a2, B, C]);
  });

  it('keeps the given order for equal scores', () => {
    const b = { ...B, score: A.score };
    expect(rankCandidates([b, A])).toEqual([b, A]);
  });
});
