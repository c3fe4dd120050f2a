import { uuidv7 } from '../common/ids.js';
import type { Db, Sql } from '../../db/client.js';
import { dbNow, flushEffects, loadStates, lockOffers, rankedCandidates } from '../../db/exclusivity.js';
import type { Config } from '../common/config.js';
import { AppError } from '../common/errors.js';
import { names } from '../transport/names.js';
import { initialExclusivity, transition } from './exclusivity.js';
import { effectsOf, mergeEffects, noEffects, reconcilingEvent, type Effects, type LockedOffer } from './exclusivity-effects.js';
import type { ExclusivityEvent, RefusalCode, Transition } from './exclusivity-types.js';
import { marketDate } from './rank.js';
import type { WindowConfig } from './window-config.js';

/**
 * The exclusivity machine against the database: lock the offers (select … for update),
 * read their states, read the clock, run the pure transition, write what it decided, all
 * in one transaction. Whoever comes second — a parallel accept, the expiry, a decline —
 * sees the state the first one left, so each window ends exactly one way.
 */
export interface ExclusivityDeps {
  sql: Sql;
  config: Config;
}

export interface Decision {
  offerId: string;
  transition: Transition;
  effects: Effects;
  refusal?: { code: RefusalCode; message: string };
}

type EventsFor = (tx: Db, offers: LockedOffer[], now: Date) => Promise<Map<string, ExclusivityEvent>>;

export function windowConfig(config: Config): WindowConfig {
  return { default_hours: config.EXCLUSIVITY_WINDOW_HOURS, by_tier: config.EXCLUSIVITY_TIER_HOURS };
}

/** Where the scheduler hears of new windows (PostgreSQL LISTEN/NOTIFY). */
export function expiryNoticeChannel(config: Config): string {
  return names(config.KEY_PREFIX).scheduleName('exclusivity-expiry');
}

function chain(first: Transition, next: Transition): Transition {
  return { state: next.state, actions: [...first.actions, ...next.actions] };
}

function decide(offer: LockedOffer, before: ReturnType<typeof initialExclusivity>, event: ExclusivityEvent | undefined, now: Date, cfg: WindowConfig, by: string): Decision {
  let t: Transition = { state: before, actions: [] };
  const fix = reconcilingEvent(before, offer);
  if (fix) t = chain(t, transition(t.state, fix, now, cfg));
  if (event) t = chain(t, transition(t.state, event, now, cfg));
  const refused = t.actions.find((a) => a.type === 'refused');
  const refusal = refused?.type === 'refused' ? { code: refused.code, message: refused.message } : undefined;
  return { offerId: offer.id, transition: t, effects: effectsOf(offer, before, t, by, now, uuidv7), refusal };
}

/** Locks, decides and writes inside the caller's transaction. */
async function decideIn(tx: Db, deps: ExclusivityDeps, ids: string[], eventsFor: EventsFor, by: string): Promise<Decision[]> {
  const cfg = windowConfig(deps.config);
  const offers = await lockOffers(tx, ids);
  const states = await loadStates(tx, offers.map((o) => o.id));
  const now = await dbNow(tx);
  const events = await eventsFor(tx, offers, now);
  const decisions = offers.map((o) => decide(o, states.get(o.id) ?? initialExclusivity(o.id), events.get(o.id), now, cfg, by));
  const all = decisions.reduce((acc, d) => mergeEffects(acc, d.effects), noEffects());
  await flushEffects(tx, all, expiryNoticeChannel(deps.config));
  return decisions;
}

function run(deps: ExclusivityDeps, ids: string[], eventsFor: EventsFor, by: string): Promise<Decision[]> {
  return deps.sql.begin((tx) => decideIn(tx, deps, ids, eventsFor, by));
}

const ranked = (deps: ExclusivityDeps): EventsFor => async (tx, offers, now) => {
  const lists = await rankedCandidates(tx, offers.map((o) => o.id), marketDate(now, deps.config.SCHEDULER_TIMEZONE));
  return new Map(offers.map((o) => [o.id, { type: 'matchesRanked', candidates: lists.get(o.id) ?? [] } as const]));
};

/** Ranks the offers' buyers inside the caller's transaction, which may just have written their matches. */
export function rankOffersIn(tx: Db, deps: ExclusivityDeps, offerIds: string[], by = 'matching'): Promise<Decision[]> {
  return decideIn(tx, deps, [...new Set(offerIds)], ranked(deps), by);
}

const RANK_SLICE = 500;

/** Gives each offer's best buyers their turn (a window opens where none is), in slices of offers. */
export async function rankOffers(deps: ExclusivityDeps, offerIds: string[], by = 'matching'): Promise<Decision[]> {
  const decisions: Decision[] = [];
  const sorted = [...new Set(offerIds)].sort();
  for (let i = 0; i < sorted.length; i += RANK_SLICE) decisions.push(...await run(deps, sorted.slice(i, i + RANK_SLICE), ranked(deps), by));
  return decisions;
}

/** One event on one offer; a refusal comes back in the decision, after anything reconciled is written. */
export async function applyEvent(deps: ExclusivityDeps, offerId: string, event: ExclusivityEvent, by: string): Promise<Decision> {
  const [decision] = await run(deps, [offerId], async () => new Map([[offerId, event]]), by);
  if (!decision) throw new AppError('B2B_OFFER_NOT_FOUND', `no offer ${offerId}`);
  return decision;
}
