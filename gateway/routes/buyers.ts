import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { Grade } from '../../actors/domain/grades.js';
import { CountryCode } from '../../actors/domain/offer-line.js';
import type { ApiKey } from '../../db/api-keys.js';
import {
  addContact, createBuyer, deleteContact, getBuyer, listBuyers, replaceFollows, updateBuyer, updateContact, type BuyerRecord,
} from '../../db/buyers.js';
import type { GatewayDeps } from '../deps.js';
import { pageOf, paged, PageQuery } from './paging.js';
import { ErrorResponse } from './schemas.js';

const Tier = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a tier is a lower-case word such as "standard" or "gold"');

const Contact = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email(),
  newsletter: z.boolean().default(true).describe('receives the weekly newsletter (until unsubscribed or bounced)'),
});

function bounds(field: string) {
  return z.strictObject({ min: z.number().int().positive().optional(), max: z.number().int().positive().optional() })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: `${field}.min must not exceed ${field}.max`, path: ['min'] });
}

const ContactPatch = z.strictObject({ name: Contact.shape.name.optional(), email: z.email().optional(), newsletter: z.boolean().optional() });

const Follow = z.strictObject({ grade: Grade, gsm: bounds('gsm').nullable().optional(), width_mm: bounds('width_mm').nullable().optional() });

const NewBuyer = z.strictObject({
  name: z.string().trim().min(1).max(200),
  country: CountryCode,
  tier: Tier.default('standard').describe('sets the exclusive window length (EXCLUSIVITY_TIER_HOURS)'),
  contacts: z.array(Contact).max(100).default([]),
  follows: z.array(Follow).max(200).default([]).describe('what the newsletter covers for this buyer'),
});

const BuyerPatch = z.strictObject({ name: NewBuyer.shape.name.optional(), country: CountryCode.optional(), tier: Tier.optional() });

const ContactView = z.object({
  id: z.uuid(), name: z.string(), email: z.string(), newsletter: z.boolean(),
  unsubscribedAt: z.string().nullable(), bouncedAt: z.string().nullable(),
});

const FollowView = z.object({
  grade: z.string(),
  gsm: z.object({ min: z.number().nullable(), max: z.number().nullable() }).nullable(),
  width_mm: z.object({ min: z.number().nullable(), max: z.number().nullable() }).nullable(),
});

const BuyerView = z.object({
  id: z.uuid(), name: z.string(), country: z.string(), tier: z.string(),
  contacts: z.array(ContactView), follows: z.array(FollowView), createdAt: z.string(), updatedAt: z.string(),
});

function buyerView(b: BuyerRecord): z.infer<typeof BuyerView> {
  const range = (min: number | null, max: number | null) => (min === null && max === null ? null : { min, max });
  return {
    id: b.id, name: b.name, country: b.country, tier: b.tier, createdAt: b.created_at.toISOString(), updatedAt: b.updated_at.toISOString(),
    contacts: b.contacts.map((c) => ({ id: c.id, name: c.name, email: c.email, newsletter: c.newsletter, unsubscribedAt: c.unsubscribed_at?.toISOString() ?? null, bouncedAt: c.bounced_at?.toISOString() ?? null })),
    follows: b.follows.map((f) => ({ grade: f.grade, gsm: range(f.gsm_min, f.gsm_max), width_mm: range(f.width_min, f.width_max) })),
  };
}

const Id = z.object({ id: z.uuid() });
const ContactId = z.object({ id: z.uuid(), contactId: z.uuid() });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Buyers, their contacts and newsletter follows: operators manage them; a buyer key reads its own. */
export async function buyerRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const operators = app.requireRole('operator', 'admin');
  const common = { tags: ['buyers'], security: [{ apiKey: [] }] };
  const found = async (id: string) => {
    const b = await getBuyer(deps.sql, id);
    if (!b) throw new AppError('B2B_BUYER_NOT_FOUND', 'no such buyer');
    return buyerView(b);
  };

  typed.post('/buyers', {
    onRequest: operators,
    schema: { ...common, summary: 'Create a buyer with contacts and follows', body: NewBuyer, response: { 201: BuyerView, ...errors } },
  }, async (request, reply) => {
    const id = await deps.sql.begin((tx) => createBuyer(tx, request.body));
    reply.header('location', `${deps.config.BASE_PATH}/buyers/${id}`);
    return reply.status(201).send(await found(id));
  });

  typed.get('/buyers', {
    onRequest: operators,
    schema: {
      ...common, summary: 'Buyers, newest first',
      querystring: PageQuery.extend({ country: CountryCode.optional(), tier: Tier.optional(), q: z.string().min(1).max(100).optional().describe('part of the name') }),
      response: { 200: pageOf(BuyerView), ...errors },
    },
  }, async (request) => {
    const { limit, cursor, ...f } = request.query;
    return paged(await listBuyers(deps.sql, f, { limit: limit + 1, cursor }), limit, buyerView);
  });

  typed.get('/buyers/:id', {
    onRequest: app.requireRole('buyer', 'operator', 'admin'),
    schema: { ...common, summary: 'One buyer; a buyer key sees its own only', params: Id, response: { 200: BuyerView, ...errors } },
  }, async (request) => {
    const key = request.apiKey as ApiKey;
    if (key.role === 'buyer' && key.buyer_id !== request.params.id) throw new AppError('B2B_BUYER_NOT_FOUND', 'no such buyer');
    return found(request.params.id);
  });

  typed.patch('/buyers/:id', {
    onRequest: operators,
    schema: { ...common, summary: "Change a buyer's name, country or tier", params: Id, body: BuyerPatch, response: { 200: BuyerView, ...errors } },
  }, async (request) => {
    if (!(await updateBuyer(deps.sql, request.params.id, request.body))) throw new AppError('B2B_BUYER_NOT_FOUND', 'no such buyer');
    return found(request.params.id);
  });

  typed.post('/buyers/:id/contacts', {
    onRequest: operators,
    schema: { ...common, summary: 'Add a contact', params: Id, body: Contact, response: { 201: BuyerView, ...errors } },
  }, async (request, reply) => {
    await found(request.params.id);
    await addContact(deps.sql, request.params.id, request.body);
    return reply.status(201).send(await found(request.params.id));
  });

  typed.patch('/buyers/:id/contacts/:contactId', {
    onRequest: operators,
    schema: { ...common, summary: 'Change a contact', params: ContactId, body: ContactPatch, response: { 200: BuyerView, ...errors } },
  }, async (request) => {
    const { id, contactId } = request.params;
    if (!(await updateContact(deps.sql, id, contactId, request.body))) throw new AppError('B2B_NOT_FOUND', 'no such contact of this buyer');
    return found(id);
  });

  typed.delete('/buyers/:id/contacts/:contactId', {
    onRequest: operators,
    schema: { ...common, summary: 'Remove a contact', params: ContactId, response: { 200: BuyerView, ...errors } },
  }, async (request) => {
    const { id, contactId } = request.params;
    if (!(await deleteContact(deps.sql, id, contactId))) throw new AppError('B2B_NOT_FOUND', 'no such contact of this buyer');
    return found(id);
  });

  typed.put('/buyers/:id/follows', {
    onRequest: operators,
    schema: { ...common, summary: "Replace the buyer's newsletter follows", params: Id, body: z.array(Follow).max(200), response: { 200: BuyerView, ...errors } },
  }, async (request) => {
    await found(request.params.id);
    await deps.sql.begin((tx) => replaceFollows(tx, request.params.id, request.body));
    return found(request.params.id);
  });
}
