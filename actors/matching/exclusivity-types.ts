/** The data of the exclusivity machine (exclusivity.ts): state, events, actions. All plain JSON. */

export type OfferStatus = 'open' | 'exclusive' | 'reserved' | 'withdrawn' | 'sold';

/** A buyer ranked for an offer line: the best of the buyer's requests, with its score. */
export interface Candidate {
  buyer_id: string;
  request_id: string;
  score: number;
  tier: string;
}

export interface Window {
  window_id: string;
  buyer_id: string;
  request_id: string;
  score: number;
  opened_at: string;
  expires_at: string;
}

export type WindowOutcome = 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface PastWindow {
  window_id: string;
  buyer_id: string;
  request_id: string;
  outcome: WindowOutcome;
}

export interface ExclusivityState {
  offer_id: string;
  status: OfferStatus;
  /** Buyers still to be offered a window, best first; never one who already had a window. */
  queue: Candidate[];
  window: Window | null;
  past: PastWindow[];
  /** Windows opened so far: window ids are `${offer_id}/w${n}`, deterministic and unique per offer. */
  windows_opened: number;
}

export type ExclusivityEvent =
  | { type: 'matchesRanked'; candidates: Candidate[] }
  | { type: 'accepted'; window_id: string; buyer_id: string }
  | { type: 'declined'; window_id: string; buyer_id: string }
  | { type: 'expired'; window_id: string }
  | { type: 'withdrawn' }
  | { type: 'sold' };

export type RefusalCode = 'B2B_WINDOW_CLOSED' | 'B2B_WINDOW_NOT_FOUND' | 'B2B_OFFER_UNAVAILABLE' | 'B2B_CONFLICT';

/** What the shell must do after persisting the new state; nothing here has happened yet. */
export type ExclusivityAction =
  | { type: 'openWindow'; offer_id: string; window: Window }
  | { type: 'scheduleExpiry'; offer_id: string; window_id: string; at: string }
  | { type: 'closeWindow'; offer_id: string; window_id: string; buyer_id: string; outcome: WindowOutcome }
  | { type: 'reserveQuantity'; offer_id: string; buyer_id: string; request_id: string }
  | { type: 'recordDeal'; offer_id: string; buyer_id: string; request_id: string; window_id: string; score: number; at: string }
  | { type: 'openMarket'; offer_id: string }
  | { type: 'refused'; event: ExclusivityEvent['type']; code: RefusalCode; message: string };

export interface Transition {
  state: ExclusivityState;
  actions: ExclusivityAction[];
}
