import type { z } from 'zod';
import type { Sql } from '../../db/client.js';
import type { Config } from '../common/config.js';
import { AppError } from '../common/errors.js';
import type { ExpireWindow, MatchOffers, RequestChanged } from '../messages/matching.js';
import type { ActorDefinition, HandlerContext } from '../system/definition.js';
import { expireOverdue, expireWindow } from './expire.js';
import { matchOffers, scorerFor, type ScorerHolder } from './match-offers.js';
import { matchRequest, retireStaleRequests } from './match-request.js';
import { rematchAll } from './rematch.js';
import type { Scorer } from './scorer.js';

export interface MatchingDeps {
  sql: Sql;
  config: Config;
}

/**
 * The matching actor: offers and requests in, ranked matches and exclusivity windows out.
 * Scoring and the window machine are pure (score.ts, exclusivity.ts); this shell feeds
 * them from the candidate indexes and writes what they decide. Each child keeps its
 * scorer for the day (scorer.ts).
 */
export function createMatching({ sql, config }: MatchingDeps): ActorDefinition<ScorerHolder> {
  const deps = { sql, config };
  return {
    name: 'matching', pool: 4, inflight: 64, timeoutMs: 300_000, maxAttempts: 8,
    initialState: () => ({}),
    handle: async (ctx: HandlerContext<ScorerHolder>) => {
      const scorer = scorerFor(ctx.state, config);
      const result = await dispatch(ctx, deps, scorer);
      // Windows opening and closing are what operators and traders ask about afterwards.
      const moved = (result as { windowsOpened?: number; windowsClosed?: number; expired?: boolean | number });
      if (moved.windowsOpened || moved.windowsClosed || moved.expired) ctx.log.info({ result }, 'exclusivity changed');
      else ctx.log.debug({ result }, 'matched');
      return result;
    },
  };
}

async function dispatch(ctx: HandlerContext<ScorerHolder>, deps: MatchingDeps, scorer: Scorer): Promise<object> {
  switch (ctx.message.type) {
    case 'matchOffers': return matchOffers(deps, scorer, (ctx.message.payload as z.output<typeof MatchOffers>).offerIds);
    case 'requestChanged': return matchRequest(deps, scorer, (ctx.message.payload as z.output<typeof RequestChanged>).requestId);
    case 'expireWindow': {
      const p = ctx.message.payload as z.output<typeof ExpireWindow>;
      return expireWindow(deps, p.offerId, p.windowId);
    }
    case 'expireOverdue': return expireOverdue(deps);
    case 'rematchAll': return rematchAll(deps, scorer, ctx.log);
    case 'retireStaleRequests': return retireStaleRequests(deps, scorer);
    default: throw new AppError('B2B_MESSAGE_INVALID', `matching has no handler for ${ctx.message.type}`);
  }
}
