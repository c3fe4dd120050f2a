import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { applyEvent } from '../../actors/matching/exclusivity-shell.js';
import type { ApiKey } from '../../db/api-keys.js';
import { dealOfWindow, getWindow, listWindows, type WindowRow } from '../../db/windows.js';
import type { GatewayDeps } from '../deps.js';
import { DealView, dealView, WindowView, windowView } from './matching-views.js';
import { pageOf, paged, PageQuery } from './paging.js';
import { ErrorResponse } from './schemas.js';

const WindowQuery = PageQuery.extend({
  state: z.enum(['open', 'closed']).optional(),
  offerId: z.uuid().optional(),
  buyerId: z.uuid().optional().describe('operators: one buyer only'),
});

const Id = z.object({ id: z.uuid() });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Accepted = z.object({ window: WindowView, deal: DealView, alreadyAccepted: z.boolean().describe('true: this window had been accepted before; the same deal') });
const Declined = z.object({ window: WindowView });

/**
 * Exclusivity windows: a buyer lists, accepts or declines its own (another buyer's is
 * 404); operators see all and may answer for the buyer. Accepting reserves the offer line
 * and records the deal in the same transaction, under the offer's lock; answering the
 * same accepted window again returns the same deal.
 */
export async function windowRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('buyer', 'operator', 'admin');
  const common = { tags: ['windows'], security: [{ apiKey: [] }] };
  const exclusivity = { sql: deps.sql, config: deps.config };

  const visible = async (key: ApiKey, id: string): Promise<WindowRow> => {
    const w = await getWindow(deps.sql, key, id);
    if (!w) throw new AppError('B2B_WINDOW_NOT_FOUND', 'no such window');
    return w;
  };

  typed.get('/windows', {
    onRequest: guard,
    schema: { ...common, summary: 'Exclusivity windows this caller may see, newest first', querystring: WindowQuery, response: { 200: pageOf(WindowView), ...errors } },
  }, async (request) => {
    const { limit, cursor, ...f } = request.query;
    return paged(await listWindows(deps.sql, request.apiKey as ApiKey, f, { limit: limit + 1, cursor }), limit, windowView);
  });

  typed.get('/windows/:id', {
    onRequest: guard,
    schema: { ...common, summary: 'One window', params: Id, response: { 200: WindowView, ...errors } },
  }, async (request) => windowView(await visible(request.apiKey as ApiKey, request.params.id)));

  typed.post('/windows/:id/accept', {
    onRequest: guard,
    schema: { ...common, summary: 'Accept: the offer line is reserved for the buyer and a deal recorded', params: Id, response: { 200: Accepted, ...errors } },
  }, async (request) => {
    const key = request.apiKey as ApiKey;
    const w = await visible(key, request.params.id);
    const d = await applyEvent(exclusivity, w.offer_id, { type: 'accepted', window_id: w.window_key, buyer_id: w.buyer_id }, `key:${key.id}`);
    const deal = await dealOfWindow(deps.sql, w.id);
    if (!deal) throw new AppError(d.refusal?.code ?? 'B2B_CONFLICT', d.refusal?.message ?? 'the window was not accepted');
    return { window: windowView(await visible(key, w.id)), deal: dealView(deal), alreadyAccepted: d.refusal !== undefined };
  });

  typed.post('/windows/:id/decline', {
    onRequest: guard,
    schema: { ...common, summary: 'Decline: the next buyer in score order gets a window, or the open market the line', params: Id, response: { 200: Declined, ...errors } },
  }, async (request) => {
    const key = request.apiKey as ApiKey;
    const w = await visible(key, request.params.id);
    const d = await applyEvent(exclusivity, w.offer_id, { type: 'declined', window_id: w.window_key, buyer_id: w.buyer_id }, `key:${key.id}`);
    if (d.refusal) throw new AppError(d.refusal.code, d.refusal.message);
    return { window: windowView(await visible(key, w.id)) };
  });
}
