import { z } from 'zod';

/** Ingestion or the offers API → matching: new or changed offer lines; find and rank their buyers. Idempotent. */
export const MatchOffers = z.object({ offerIds: z.array(z.uuid()).min(1).max(1_000) });

export const matchingMessages = { matchOffers: MatchOffers } as const;
