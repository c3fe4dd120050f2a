import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { CountryCode } from '../../actors/domain/offer-line.js';
import { addSender, createMill, getMill, listMills, removeSender, type MillRow } from '../../db/mills.js';
import type { GatewayDeps } from '../deps.js';
import { ErrorResponse } from './schemas.js';

/** A full address ("sales@mill.example") or a whole domain ("@mill.example", which covers its subdomains). */
const SenderPattern = z.string().trim().toLowerCase().max(320)
  .regex(/^(?:[^\s@]+)?@[^\s@]+\.[^\s@.]+$/, 'a full address (name@domain) or a domain (@domain)');

const Mill = z.object({
  id: z.uuid(),
  name: z.string(),
  country: CountryCode.nullable().describe('where the mill ships from: the origin of its offers when an e-mail does not say'),
  senders: z.array(z.string()),
  createdAt: z.string(),
});

const NewMill = z.object({
  name: z.string().trim().min(1).max(200),
  country: CountryCode.nullable().default(null),
  senders: z.array(SenderPattern).max(100).default([]),
});

function millView(row: MillRow): z.infer<typeof Mill> {
  return { id: row.id, name: row.name, country: row.country, senders: row.senders, createdAt: row.created_at.toISOString() };
}

async function millOr404(deps: GatewayDeps, id: string): Promise<MillRow> {
  const mill = await getMill(deps.sql, id);
  if (!mill) throw new AppError('B2B_MILL_NOT_FOUND', `no mill ${id}`);
  return mill;
}

/** Operators: the mills and the addresses they write from, which attribute inbound e-mails. */
export async function millRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('operator', 'admin');
  const common = { tags: ['mills'], security: [{ apiKey: [] }] };
  const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

  typed.post('/mills', {
    onRequest: guard,
    schema: { ...common, summary: 'Add a mill, with the addresses it writes from', body: NewMill, response: { 201: Mill, ...errors, 409: ErrorResponse } },
  }, async (request, reply) => {
    const mill = await deps.sql.begin(async (tx) => {
      const created = await createMill(tx, request.body);
      for (const pattern of request.body.senders) await addSender(tx, created.id, pattern);
      return created;
    });
    return reply.status(201).send(millView(await millOr404(deps, mill.id)));
  });

  typed.get('/mills', {
    onRequest: guard,
    schema: { ...common, summary: 'Every mill with its sender addresses', response: { 200: z.array(Mill), ...errors } },
  }, async () => (await listMills(deps.sql)).map(millView));

  typed.get('/mills/:id', {
    onRequest: guard,
    schema: { ...common, summary: 'One mill', params: z.object({ id: z.uuid() }), response: { 200: Mill, ...errors, 404: ErrorResponse } },
  }, async (request) => millView(await millOr404(deps, request.params.id)));

  typed.post('/mills/:id/senders', {
    onRequest: guard,
    schema: {
      ...common, summary: 'Attribute a sender address or @domain to a mill (201 added, 200 already there)', params: z.object({ id: z.uuid() }),
      body: z.object({ pattern: SenderPattern }), response: { 200: Mill, 201: Mill, ...errors, 404: ErrorResponse, 409: ErrorResponse },
    },
  }, async (request, reply) => {
    await millOr404(deps, request.params.id);
    const { created } = await addSender(deps.sql, request.params.id, request.body.pattern);
    return reply.status(created ? 201 : 200).send(millView(await millOr404(deps, request.params.id)));
  });

  typed.delete('/mills/:id/senders/:pattern', {
    onRequest: guard,
    schema: { ...common, summary: 'Stop attributing a sender to a mill', params: z.object({ id: z.uuid(), pattern: SenderPattern }), response: { 200: Mill, ...errors, 404: ErrorResponse } },
  }, async (request) => {
    if (!(await removeSender(deps.sql, request.params.id, request.params.pattern))) {
      throw new AppError('B2B_NOT_FOUND', `mill ${request.params.id} has no sender ${request.params.pattern}`);
    }
    return millView(await millOr404(deps, request.params.id));
  });
}
