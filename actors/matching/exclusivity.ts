import type {
  Candidate, ExclusivityEvent, ExclusivityState, RefusalCode, Transition, Window, WindowOutcome,
} from './exclusivity-types.js';
import { DEFAULT_WINDOW_CONFIG, windowHours, type WindowConfig } from './window-config.js';

/**
 * Exclusivity windows of one offer line as a pure machine (DOMAIN.md, "Matches and
 * exclusivity"): the best-ranked buyer gets a window; on decline or expiry the next one
 * does, and after the last the offer goes to the open market. Accepting reserves it.
 * Nothing is executed here: the shell persists the state, then runs the actions.
 */

export function initialExclusivity(offer_id: string): ExclusivityState {
  return { offer_id, status: 'open', queue: [], window: null, past: [], windows_opened: 0 };
}

const HOUR_MS = 3_600_000;
const ENDED = new Set(['reserved', 'withdrawn', 'sold']);

function refuse(state: ExclusivityState, event: ExclusivityEvent, code: RefusalCode, message: string): Transition {
  return { state, actions: [{ type: 'refused', event: event.type, code, message }] };
}

function unavailable(state: ExclusivityState, event: ExclusivityEvent): Transition {
  return refuse(state, event, 'B2B_OFFER_UNAVAILABLE', `offer ${state.offer_id} is ${state.status}`);
}

/** Best score first, one entry per buyer (their best request); ties keep the given order. */
export function rankCandidates(candidates: readonly Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  return sorted.filter((c, i) => sorted.findIndex((d) => d.buyer_id === c.buyer_id) === i);
}

function openWindow(state: ExclusivityState, now: Date, config: WindowConfig): Transition {
  const [next, ...rest] = state.queue;
  if (!next) return { state: { ...state, status: 'open', window: null }, actions: [{ type: 'openMarket', offer_id: state.offer_id }] };
  const n = state.windows_opened + 1;
  const expires = new Date(now.getTime() + windowHours(next.tier, config) * HOUR_MS);
  const window: Window = {
    window_id: `${state.offer_id}/w${n}`, buyer_id: next.buyer_id, request_id: next.request_id,
    score: next.score, opened_at: now.toISOString(), expires_at: expires.toISOString(),
  };
  return {
    state: { ...state, status: 'exclusive', queue: rest, window, windows_opened: n },
    actions: [
      { type: 'openWindow', offer_id: state.offer_id, window },
      { type: 'scheduleExpiry', offer_id: state.offer_id, window_id: window.window_id, at: window.expires_at },
    ],
  };
}

function closeWindow(state: ExclusivityState, window: Window, outcome: WindowOutcome): Transition {
  const { window_id, buyer_id, request_id } = window;
  return {
    state: { ...state, window: null, past: [...state.past, { window_id, buyer_id, request_id, outcome }] },
    actions: [{ type: 'closeWindow', offer_id: state.offer_id, window_id, buyer_id, outcome }],
  };
}

/** Closes the current window, then the next buyer gets one, or the market does. */
function passOn(state: ExclusivityState, window: Window, outcome: WindowOutcome, now: Date, config: WindowConfig): Transition {
  const closed = closeWindow(state, window, outcome);
  const next = openWindow(closed.state, now, config);
  return { state: next.state, actions: [...closed.actions, ...next.actions] };
}

function onRanked(state: ExclusivityState, event: Extract<ExclusivityEvent, { type: 'matchesRanked' }>, now: Date, config: WindowConfig): Transition {
  if (ENDED.has(state.status)) return unavailable(state, event);
  const seen = new Set([...state.past.map((p) => p.buyer_id), state.window?.buyer_id]);
  const queue = rankCandidates(event.candidates).filter((c) => !seen.has(c.buyer_id));
  // An open window is never taken away: the new ranking only replaces who comes next.
  if (state.status === 'exclusive' || queue.length === 0) return { state: { ...state, queue }, actions: [] };
  return openWindow({ ...state, queue }, now, config);
}

type BuyerAnswer = Extract<ExclusivityEvent, { type: 'accepted' | 'declined' }>;

/** The buyer's own, still open window, or the refusal that says why not. */
function answerableWindow(state: ExclusivityState, event: BuyerAnswer, now: Date): Window | Transition {
  if (ENDED.has(state.status)) return unavailable(state, event);
  const w = state.window;
  if (!w || w.window_id !== event.window_id || w.buyer_id !== event.buyer_id) {
    const past = state.past.find((p) => p.window_id === event.window_id && p.buyer_id === event.buyer_id);
    return past
      ? refuse(state, event, 'B2B_WINDOW_CLOSED', `window ${event.window_id} closed: ${past.outcome}`)
      : refuse(state, event, 'B2B_WINDOW_NOT_FOUND', `no window ${event.window_id} for buyer ${event.buyer_id}`);
  }
  if (now.getTime() >= Date.parse(w.expires_at)) {
    return refuse(state, event, 'B2B_WINDOW_CLOSED', `window ${w.window_id} expired at ${w.expires_at}`);
  }
  return w;
}

function onAccepted(state: ExclusivityState, event: Extract<ExclusivityEvent, { type: 'accepted' }>, now: Date): Transition {
  const w = answerableWindow(state, event, now);
  if ('state' in w) return w;
  const closed = closeWindow({ ...state, status: 'reserved', queue: [] }, w, 'accepted');
  const deal = { offer_id: state.offer_id, buyer_id: w.buyer_id, request_id: w.request_id };
  return {
    state: closed.state,
    actions: [
      { type: 'reserveQuantity', ...deal },
      { type: 'recordDeal', ...deal, window_id: w.window_id, score: w.score, at: now.toISOString() },
      ...closed.actions,
    ],
  };
}

function onDeclined(state: ExclusivityState, event: Extract<ExclusivityEvent, { type: 'declined' }>, now: Date, config: WindowConfig): Transition {
  const w = answerableWindow(state, event, now);
  return 'state' in w ? w : passOn(state, w, 'declined', now, config);
}

/** Idempotent: a repeated, stale or late expiry changes nothing; an early one is rescheduled. */
function onExpired(state: ExclusivityState, event: Extract<ExclusivityEvent, { type: 'expired' }>, now: Date, config: WindowConfig): Transition {
  const w = state.window;
  if (state.status !== 'exclusive' || !w || w.window_id !== event.window_id) return { state, actions: [] };
  if (now.getTime() < Date.parse(w.expires_at)) {
    return { state, actions: [{ type: 'scheduleExpiry', offer_id: state.offer_id, window_id: w.window_id, at: w.expires_at }] };
  }
  return passOn(state, w, 'expired', now, config);
}

function onWithdrawn(state: ExclusivityState, event: ExclusivityEvent): Transition {
  if (ENDED.has(state.status)) return unavailable(state, event);
  const base = { ...state, status: 'withdrawn' as const, queue: [] };
  return state.window ? closeWindow(base, state.window, 'withdrawn') : { state: base, actions: [] };
}

/** The reserved deal went through; only a reserved offer can be sold here. */
function onSold(state: ExclusivityState, event: ExclusivityEvent): Transition {
  if (state.status === 'reserved') return { state: { ...state, status: 'sold' }, actions: [] };
  if (ENDED.has(state.status)) return unavailable(state, event);
  return refuse(state, event, 'B2B_CONFLICT', `offer ${state.offer_id} is ${state.status}, not reserved`);
}

export function transition(state: ExclusivityState, event: ExclusivityEvent, now: Date, config: WindowConfig = DEFAULT_WINDOW_CONFIG): Transition {
  switch (event.type) {
    case 'matchesRanked': return onRanked(state, event, now, config);
    case 'accepted': return onAccepted(state, event, now);
    case 'declined': return onDeclined(state, event, now, config);
    case 'expired': return onExpired(state, event, now, config);
    case 'withdrawn': return onWithdrawn(state, event);
    case 'sold': return onSold(state, event);
  }
}
