import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { Grade } from '../../actors/domain/grades.js';
import type { Staged } from '../../actors/mailbox/outbox.js';
import { marketDate } from '../../actors/matching/rank.js';
import { BuyerRequestInput, BuyerRequestPatch, describeIssues, mergeRequest } from '../../actors/matching/request.js';
import type { ApiKey } from '../../db/api-keys.js';
import { buyerExists } from '../../db/buyers.js';
import type { Db } from '../../db/client.js';
import { deleteRequest, getRequest, insertRequest, listRequests, updateRequest } from '../../db/requests.js';
import type { GatewayDeps } from '../deps.js';
import { RequestView, requestView } from './matching-views.js';
import { pageOf, paged, PageQuery } from './paging.js';
import { ErrorResponse } from './schemas.js';

const NewRequest = BuyerRequestInput.extend({
  buyerId: z.uuid().optional().describe('the buyer the request is for: required for operator keys, implied by a buyer key'),
});

const RequestQuery = PageQuery.extend({
  buyerId: z.uuid().optional().describe('operators: one buyer only'),
  grade: Grade.optional().describe('requests naming this grade'),
  status: z.enum(['open', 'stale']).optional(),
});

const Id = z.object({ id: z.uuid() });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/**
 * Buyer requests: a buyer key works on its own (another buyer's request is 404, never
 * 403), operators on any. Every change goes to matching in the same transaction.
 */
export async function requestRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('buyer', 'operator', 'admin');
  const common = { tags: ['requests'], security: [{ apiKey: [] }] };
  const market = deps.config.MARKET_CONFIG;
  const today = () => marketDate(new Date(), deps.config.SCHEDULER_TIMEZONE);

  /** Writes in a transaction that also tells matching, and announces it after the commit. */
  async function withMatching<T>(key: ApiKey, work: (tx: Db) => Promise<{ id: string; value: T }>): Promise<{ value: T; messageId: string }> {
    const { value, staged } = await deps.sql.begin(async (tx) => {
      const done = await work(tx);
      const s: Staged = await deps.outbox.stage(tx, 'matching', 'requestChanged', { requestId: done.id }, { key: `request:${done.id}`, origin: `key:${key.id}` });
      return { value: done.value, staged: s };
    });
    deps.outbox.announce([staged]);
    return { value, messageId: staged.inserted.id };
  }

  typed.post('/requests', {
    onRequest: guard,
    schema: { ...common, summary: 'Create a buyer request; matching runs at once', body: NewRequest, response: { 201: RequestView.extend({ messageId: z.uuid() }), ...errors } },
  }, async (request, reply) => {
    const key = request.apiKey as ApiKey;
    const { buyerId, ...input } = request.body;
    const owner = await requestOwner(deps.sql, key, buyerId);
    const { value, messageId } = await withMatching(key, async (tx) => {
      const stored = await insertRequest(tx, owner, input, market, `key:${key.id}`);
      return { id: stored.id, value: stored };
    });
    reply.header('location', `${deps.config.BASE_PATH}/requests/${value.id}`);
    return reply.status(201).send({ ...requestView(value, today()), messageId });
  });

  typed.get('/requests', {
    onRequest: guard,
    schema: { ...common, summary: 'Requests this caller may see, newest first', querystring: RequestQuery, response: { 200: pageOf(RequestView), ...errors } },
  }, async (request) => {
    const { limit, cursor, ...f } = request.query;
    const rows = await listRequests(deps.sql, request.apiKey as ApiKey, { ...f, asOf: today() }, { limit: limit + 1, cursor });
    return paged(rows, limit, (r) => requestView(r, today()));
  });

  typed.get('/requests/:id', {
    onRequest: guard,
    schema: { ...common, summary: 'One request', params: Id, response: { 200: RequestView, ...errors } },
  }, async (request) => {
    const stored = await getRequest(deps.sql, request.apiKey as ApiKey, request.params.id);
    if (!stored) throw new AppError('B2B_REQUEST_NOT_FOUND', 'no such request');
    return requestView(stored, today());
  });

  typed.patch('/requests/:id', {
    onRequest: guard,
    schema: { ...common, summary: 'Change a request: a range may change one bound; null clears an optional field', params: Id, body: BuyerRequestPatch, response: { 200: RequestView.extend({ messageId: z.uuid() }), ...errors } },
  }, async (request) => {
    const key = request.apiKey as ApiKey;
    const { value, messageId } = await withMatching(key, async (tx) => {
      const stored = await getRequest(tx, key, request.params.id, true);
      if (!stored) throw new AppError('B2B_REQUEST_NOT_FOUND', 'no such request');
      const merged = mergeRequest(stored.request, request.body);
      if (!merged.ok) {
        const details = merged.issues.map((i) => ({ field: `body.${i.path}`, message: i.message }));
        throw new AppError('B2B_VALIDATION', describeIssues(merged.issues), { details });
      }
      return { id: stored.id, value: await updateRequest(tx, stored.id, merged.value, market) };
    });
    return { ...requestView(value, today()), messageId };
  });

  typed.delete('/requests/:id', {
    onRequest: guard,
    schema: { ...common, summary: 'Delete a request: it leaves every match list at once', params: Id, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    const key = request.apiKey as ApiKey;
    await withMatching(key, async (tx) => {
      if (!(await deleteRequest(tx, key, request.params.id))) throw new AppError('B2B_REQUEST_NOT_FOUND', 'no such request');
      return { id: request.params.id, value: null };
    });
    return reply.status(204).send(null);
  });
}

/** A buyer key asks for its own buyer; an operator names one that exists. */
async function requestOwner(sql: Db, key: ApiKey, buyerId: string | undefined): Promise<string> {
  if (key.role === 'buyer') {
    if (buyerId !== undefined && buyerId !== key.buyer_id) {
      throw new AppError('B2B_VALIDATION', 'body.buyerId: a buyer key makes requests for its own buyer only', { details: [{ field: 'body.buyerId', message: 'not your buyer' }] });
    }
    return key.buyer_id as string;
  }
  if (buyerId === undefined) throw new AppError('B2B_VALIDATION', 'body.buyerId: an operator names the buyer', { details: [{ field: 'body.buyerId', message: 'required for operator keys' }] });
  if (!(await buyerExists(sql, buyerId))) throw new AppError('B2B_BUYER_NOT_FOUND', `no buyer ${buyerId}`);
  return buyerId;
}
