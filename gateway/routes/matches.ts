import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { Grade } from '../../actors/domain/grades.js';
import { marketDate } from '../../actors/matching/rank.js';
import { scoreMatch } from '../../actors/matching/score.js';
import type { ApiKey } from '../../db/api-keys.js';
import { sendAndAnswer } from '../answer.js';
import { listMatches, type ListedMatch, type MatchCursor } from '../../db/match-list.js';
import type { GatewayDeps } from '../deps.js';
import { MatchView } from './matching-views.js';
import { ErrorResponse } from './schemas.js';

const MatchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  offerId: z.uuid().optional(),
  requestId: z.uuid().optional(),
  buyerId: z.uuid().optional().describe('operators: one buyer only'),
  grade: Grade.optional().describe("the offer line's grade"),
  minScore: z.coerce.number().min(0).max(1).optional(),
});

const Answer = z.object({ messageId: z.uuid(), state: z.string(), result: z.unknown().optional(), code: z.string().optional(), message: z.string().optional() });

const MatchPage = z.object({ items: z.array(MatchView), nextCursor: z.string().nullable() });

function encodeCursor(m: ListedMatch): string {
  return Buffer.from(JSON.stringify([m.score, m.offer_id, m.request_id])).toString('base64url');
}

function decodeCursor(cursor: string): MatchCursor {
  try {
    const [score, offerId, requestId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, string, string];
    return z.object({ score: z.number(), offerId: z.uuid(), requestId: z.uuid() }).parse({ score, offerId, requestId });
  } catch {
    throw new AppError('B2B_VALIDATION', 'querystring.cursor: not a cursor this API gave out', { details: [{ field: 'querystring.cursor', message: 'unknown cursor' }] });
  }
}

/**
 * GET /matches: a buyer's own matches (never one on a line under a rival's window),
 * operators' all; best first, each with its score, rank and the reasons in words.
 */
export async function matchRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const market = deps.config.MARKET_CONFIG;
  app.withTypeProvider<ZodTypeProvider>().get('/matches', {
    onRequest: app.requireRole('buyer', 'operator', 'admin'),
    schema: {
      tags: ['matches'], security: [{ apiKey: [] }], summary: 'Matches this caller may see, best first', querystring: MatchQuery,
      response: { 200: MatchPage, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
  }, async (request) => {
    const { limit, cursor, ...f } = request.query;
    const asOf = marketDate(new Date(), deps.config.SCHEDULER_TIMEZONE);
    const rows = await listMatches(deps.sql, request.apiKey as ApiKey, { ...f, asOf }, { limit: limit + 1, cursor: cursor === undefined ? undefined : decodeCursor(cursor) });
    const page = rows.slice(0, limit);
    return {
      items: page.map((m) => ({
        offerId: m.offer_id, requestId: m.request_id, buyerId: m.buyer_id, score: m.score, rank: m.rank,
        reasons: scoreMatch(m.offer, m.request, market, asOf).reasons,
        offer: { id: m.offer_id, status: m.offer_status as never, ...m.offer },
        createdAt: m.created_at.toISOString(), updatedAt: m.updated_at.toISOString(),
      })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1] as ListedMatch) : null,
    };
  });

  app.withTypeProvider<ZodTypeProvider>().post('/matches/rematch', {
    onRequest: app.requireRole('operator', 'admin'),
    schema: {
      tags: ['matches'], security: [{ apiKey: [] }],
      summary: 'Rematch every offer on offer against every open request (after MARKET_CONFIG changed); 202, or 200 with the summary on Prefer: wait',
      body: z.object({ reason: z.string().max(300).optional() }).optional(),
      response: { 200: Answer, 202: Answer, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
  }, async (request, reply) => sendAndAnswer(deps, request, reply, async (opts) => {
    const sent = await deps.outbox.send('matching', 'rematchAll', { reason: request.body?.reason }, { ...opts, origin: `key:${request.apiKey?.id}` });
    return { messageId: sent.id, body: {} };
  }));
}
