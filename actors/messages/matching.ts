import { z } from 'zod';

/** Ingestion or the offers API → matching: new or changed offer lines; find and rank their buyers. Idempotent. */
export const MatchOffers = z.object({ offerIds: z.array(z.uuid()).min(1).max(1_000) });

/** Requests API → matching: a request was created, changed or deleted; rematch it against the offers. Idempotent. */
export const RequestChanged = z.object({ requestId: z.uuid() });

/**
 * Matching (when a window opens) and the scheduler (on time, or when it finds one overdue)
 * → matching: end the window if it is still open and due. Keyed by offer; a window that
 * was accepted, declined or already expired is left as it is.
 */
export const ExpireWindow = z.object({ offerId: z.uuid(), windowId: z.string().min(1).max(200) });

/** Scheduler (periodic check) → matching: expire every open window past its time. Idempotent. */
export const ExpireOverdue = z.object({ asOf: z.iso.datetime({ offset: true }) });

/** Scheduler (after midnight) → matching: take requests that went stale out of the match lists, and refill them. Idempotent. */
export const RetireStaleRequests = z.object({ asOf: z.iso.date() });

/** Operators → matching: rematch every offer on offer against every open request (after a rates change, say). */
export const RematchAll = z.object({ reason: z.string().max(300).optional() });

export const matchingMessages = {
  matchOffers: MatchOffers,
  requestChanged: RequestChanged,
  expireWindow: ExpireWindow,
  expireOverdue: ExpireOverdue,
  rematchAll: RematchAll,
  retireStaleRequests: RetireStaleRequests,
} as const;
