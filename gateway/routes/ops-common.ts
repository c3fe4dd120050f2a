import type { FastifyRequest } from 'fastify';
import type { Operator } from '../../db/audit.js';

/** Every /ops route: operators and admins only, documented under "operations". */
export const OPS_DOC = { tags: ['operations'], security: [{ apiKey: [] }] };

/** The audit's "who" for a caller of the API (the route's guard has set the key). */
export function operatorOf(request: FastifyRequest): Operator {
  const key = request.apiKey;
  return { who: `key:${key?.id ?? 'unknown'}`, name: key?.name ?? null };
}

/**
 * Single flight: calls made while one is running share its answer. However many consoles
 * poll, the database computes one overview at a time, and no answer is older than the call.
 */
export function singleFlight<T>(load: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= load().finally(() => { running = undefined; });
    return running;
  };
}
