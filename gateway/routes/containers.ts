import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from '../../actors/common/ids.js';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { composeInput, PlanRequest, preflight } from '../../actors/container/plan-request.js';
import { pictureLabels, PlanListItem, planListItem, planView, PlanView } from '../../actors/container/plan-view.js';
import { resolveOffers } from '../../actors/container/resolve-offers.js';
import { renderBoxSvg } from '../../actors/container/svg.js';
import type { SendOptions } from '../../actors/messages/envelope.js';
import type { ApiKey } from '../../db/api-keys.js';
import { getPlan, insertPlan, listPlans, offersForPlan } from '../../db/container-plans.js';
import { type Accepted, sendAndAnswer } from '../answer.js';
import type { GatewayDeps } from '../deps.js';
import { pageOf, paged, PageQuery } from './paging.js';
import { ErrorResponse, MessageState } from './schemas.js';

const PlanAccepted = z.object({
  planId: z.uuid(),
  messageId: z.uuid(),
  state: MessageState,
  plan: z.string().describe('where the plan will be: GET it'),
});
const PlanAnswered = PlanView.extend({ planId: z.uuid(), messageId: z.uuid(), state: MessageState });
const Id = z.object({ id: z.uuid() });
const BoxPicture = z.object({ id: z.uuid(), n: z.coerce.number().int().min(1).describe('the box, from 1') });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/**
 * Container plans: how many boxes a set of reels takes, which reels go together, and a
 * picture of every box. A plan is stored as asked (offer lines resolved under the caller's
 * visibility) before the container actor makes it; the requester and operators see it.
 */
export async function containerRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('buyer', 'mill', 'operator', 'admin');
  const common = { tags: ['containers'], security: [{ apiKey: [] }] };
  const base = deps.config.BASE_PATH;

  typed.post('/containers/plans', {
    onRequest: guard,
    preSerialization: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => withPlan(deps, request, reply, payload),
    schema: {
      ...common,
      summary: 'Plan containers for explicit reels or offer lines; with Prefer: wait=N, answer with the plan',
      description: 'Offer lines are resolved from the market as this key sees it: a line it may not see is 404. 202 with Location (the message) and `plan` (the plan to GET), or 200 with the plan when it is made within N seconds.',
      body: PlanRequest,
      response: { 200: PlanAnswered, 202: PlanAccepted, ...errors, 500: ErrorResponse },
    },
  }, async (request, reply) => sendAndAnswer(deps, request, reply, (opts) => requestPlan(deps, request.apiKey as ApiKey, request.body, opts)));

  typed.get('/containers/plans', {
    onRequest: guard,
    schema: { ...common, summary: 'Container plans this caller asked for (operators: all), newest first', querystring: PageQuery, response: { 200: pageOf(PlanListItem), ...errors } },
  }, async (request) => {
    const { limit, cursor } = request.query;
    return paged(await listPlans(deps.sql, request.apiKey as ApiKey, { limit: limit + 1, cursor }), limit, planListItem);
  });

  typed.get('/containers/plans/:id', {
    onRequest: guard,
    schema: { ...common, summary: 'One container plan: status, what was asked, the plan, bounds and explanation', params: Id, response: { 200: PlanView, ...errors } },
  }, async (request) => planView(await ownPlan(deps, request.apiKey as ApiKey, request.params.id), base));

  typed.get('/containers/plans/:id/boxes/:n.svg', {
    onRequest: guard,
    schema: {
      ...common, summary: 'The top view of box n (from 1): every reel to scale, labelled with its offer line, widths and weight; the fills',
      params: BoxPicture, response: { 200: z.string().describe('image/svg+xml'), ...errors, 409: ErrorResponse },
    },
  }, async (request, reply) => {
    const row = await ownPlan(deps, request.apiKey as ApiKey, request.params.id);
    if (row.status !== 'planned' || !row.plan) throw new AppError('B2B_CONFLICT', `plan ${row.id} is ${row.status}, not planned yet`);
    const n = request.params.n;
    if (n > row.plan.boxes.length) throw new AppError('B2B_NOT_FOUND', `the plan has ${row.plan.boxes.length} boxes, no box ${n}`);
    const svg = renderBoxSvg(row.plan, n - 1, pictureLabels(row.sources), row.input.box_types ?? []);
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, max-age=3600').send(svg);
  });
}

async function ownPlan(deps: GatewayDeps, key: ApiKey, id: string) {
  const row = await getPlan(deps.sql, key, id);
  if (!row) throw new AppError('B2B_PLAN_NOT_FOUND', `no container plan ${id}`);
  return row;
}

/** Resolves and checks the request, then stores it and its message in one transaction. */
async function requestPlan(deps: GatewayDeps, key: ApiKey, body: PlanRequest, opts: Pick<SendOptions, 'correlationId' | 'replyTo'>): Promise<Accepted> {
  const offers = await offersForPlan(deps.sql, key, body.offers.map((o) => o.offer_id));
  const resolved = resolveOffers(body.offers, offers, body.options);
  const input = composeInput(body, resolved.reels, deps.config.CONTAINER_BOX_TYPES);
  preflight(input, deps.config.CONTAINER_MAX_REELS);
  const planId = uuidv7();
  const staged = await deps.sql.begin(async (tx) => {
    const s = await deps.outbox.stage(tx, 'container', 'planContainers', { planId },
      { ...opts, key: `plan:${planId}`, dedupeKey: `plan:${planId}`, origin: `key:${key.id}` });
    await insertPlan(tx, {
      id: planId, requested_by: key.id, buyer_id: key.role === 'buyer' ? key.buyer_id : null,
      mill_id: key.role === 'mill' ? key.mill_id : null, input, sources: resolved.sources, message_id: s.inserted.id,
    });
    return s;
  });
  deps.outbox.announce([staged]);
  return { messageId: staged.inserted.id, body: { planId, plan: `${deps.config.BASE_PATH}/containers/plans/${planId}` } };
}

/** A plan made within the wait is answered in full, not as the actor's short result. */
async function withPlan(deps: GatewayDeps, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const answer = payload as { planId?: string; messageId?: string; state?: string };
  if (reply.statusCode !== 200 || answer.state !== 'done' || !answer.planId) return payload;
  const row = await ownPlan(deps, request.apiKey as ApiKey, answer.planId);
  return { ...planView(row, deps.config.BASE_PATH), planId: answer.planId, messageId: answer.messageId, state: answer.state };
}
