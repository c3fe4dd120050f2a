import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { Grade } from '../../actors/domain/grades.js';
import { CountryCode, IsoDate, OfferLine } from '../../actors/domain/offer-line.js';
import type { ApiKey } from '../../db/api-keys.js';
import { getMill } from '../../db/mills.js';
import { createOffers, getOffer, listOffers, withdrawOffer } from '../../db/offers.js';
import type { GatewayDeps } from '../deps.js';
import { OfferStatus, OfferView, offerView } from './offer-view.js';
import { pageOf, paged, PageQuery } from './paging.js';
import { ErrorResponse } from './schemas.js';

const OfferQuery = PageQuery.extend({
  grade: z.string().transform((s) => s.split(',').map((g) => g.trim())).pipe(z.array(Grade).min(1)).optional()
    .describe('one grade code or several, comma-separated'),
  gsmMin: z.coerce.number().int().positive().optional(),
  gsmMax: z.coerce.number().int().positive().optional(),
  widthMin: z.coerce.number().int().positive().optional().describe('reel width in mm; sheets (no width) are left out when a width bound is given'),
  widthMax: z.coerce.number().int().positive().optional(),
  origin: CountryCode.optional(),
  availableBefore: IsoDate.optional().describe('loadable before this date (a week counts from its Monday); lines without availability are left out'),
  status: OfferStatus.optional(),
  millId: z.uuid().optional(),
  emailId: z.uuid().optional(),
});

const NewOffers = z.object({
  millId: z.uuid().optional().describe('the mill offering the lines: required for operator keys, implied by a mill key'),
  offers: z.array(OfferLine).min(1).max(500),
});

const Withdrawal = z.object({ status: z.literal('withdrawn') });

/**
 * Offers: the market's view (GET, filtered and paged, through the one visibility rule),
 * lines entered by mills and operators (POST, then matched), and withdrawal (PATCH).
 */
export async function offerRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const common = { tags: ['offers'], security: [{ apiKey: [] }] };

  typed.get('/offers', {
    onRequest: app.requireRole('buyer', 'mill', 'operator', 'admin'),
    schema: { ...common, summary: 'Offer lines this caller may see, newest first', querystring: OfferQuery, response: { 200: pageOf(OfferView), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse } },
  }, async (request) => {
    const { limit, cursor, grade, ...filters } = request.query;
    const viewer = request.apiKey as ApiKey;
    const rows = await listOffers(deps.sql, viewer, { ...filters, grades: grade }, { limit: limit + 1, cursor });
    return paged(rows, limit, (row) => offerView(row, viewer));
  });

  typed.get('/offers/:id', {
    onRequest: app.requireRole('buyer', 'mill', 'operator', 'admin'),
    schema: { ...common, summary: 'One offer line, when this caller may see it', params: z.object({ id: z.uuid() }), response: { 200: OfferView, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } },
  }, async (request) => {
    const viewer = request.apiKey as ApiKey;
    const row = await getOffer(deps.sql, viewer, request.params.id);
    if (!row) throw new AppError('B2B_OFFER_NOT_FOUND', 'no such offer line');
    return offerView(row, viewer);
  });

  typed.post('/offers', {
    onRequest: app.requireRole('mill', 'operator', 'admin'),
    schema: {
      ...common, summary: 'Enter offer lines (DOMAIN.md fields); they go on the market and to matching', body: NewOffers,
      response: { 201: z.object({ offers: z.array(OfferView), messageId: z.uuid() }), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
  }, async (request, reply) => {
    const key = request.apiKey as ApiKey;
    const millId = await offeringMill(deps, key, request.body.millId);
    const { rows, staged } = await deps.sql.begin(async (tx) => {
      const created = await createOffers(tx, millId, `key:${key.id}`, request.body.offers);
      const message = await deps.outbox.stage(tx, 'matching', 'matchOffers', { offerIds: created.map((r) => r.id) }, { dedupeKey: `offers:api:${created[0]!.id}`, origin: `key:${key.id}` });
      return { rows: created, staged: message };
    });
    deps.outbox.announce([staged]);
    return reply.status(201).send({ offers: rows.map((r) => offerView(r, key)), messageId: staged.inserted.id });
  });

  typed.patch('/offers/:id', {
    onRequest: app.requireRole('mill', 'operator', 'admin'),
    schema: {
      ...common, summary: 'Withdraw an offer line (its mill or an operator)', params: z.object({ id: z.uuid() }), body: Withdrawal,
      response: { 200: OfferView, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
    },
  }, async (request) => {
    const key = request.apiKey as ApiKey;
    const row = await getOffer(deps.sql, key, request.params.id);
    if (!row) throw new AppError('B2B_OFFER_NOT_FOUND', 'no such offer line');
    if (key.role === 'mill' && row.mill_id !== key.mill_id) throw new AppError('B2B_FORBIDDEN', 'a mill may withdraw only its own offer lines');
    if (row.status === 'withdrawn') return offerView(row, key);
    // Matching hears of it in the same transaction: the line's matches and any open window close.
    const { withdrawn, staged } = await deps.sql.begin(async (tx) => {
      const changed = await withdrawOffer(tx, row.id);
      if (!changed) return { withdrawn: undefined, staged: undefined };
      const message = await deps.outbox.stage(tx, 'matching', 'matchOffers', { offerIds: [row.id] }, { dedupeKey: `offers:withdrawn:${row.id}`, origin: `key:${key.id}` });
      return { withdrawn: changed, staged: message };
    });
    if (!withdrawn || !staged) throw new AppError('B2B_OFFER_UNAVAILABLE', `the offer line is ${row.status} and can no longer be withdrawn`);
    deps.outbox.announce([staged]);
    return offerView(withdrawn, key);
  });
}

/** A mill key offers for its own mill; an operator names the mill (which must exist). */
async function offeringMill(deps: GatewayDeps, key: ApiKey, requested: string | undefined): Promise<string> {
  if (key.role === 'mill') {
    if (!key.mill_id) throw new AppError('B2B_FORBIDDEN', 'this mill key belongs to no mill');
    if (requested !== undefined && requested !== key.mill_id) throw new AppError('B2B_FORBIDDEN', 'a mill key offers for its own mill only');
    return key.mill_id;
  }
  if (requested === undefined) throw new AppError('B2B_VALIDATION', 'body.millId: an operator names the mill that offers the lines', { details: [{ field: 'body.millId', message: 'required for operator keys' }] });
  if (!(await getMill(deps.sql, requested))) throw new AppError('B2B_MILL_NOT_FOUND', `no mill ${requested}`);
  return requested;
}
