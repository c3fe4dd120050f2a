import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { contactByToken, unsubscribeByToken } from '../../db/contacts.js';
import type { GatewayDeps } from '../deps.js';
import { confirmPage, donePage, unknownPage } from './unsubscribe-pages.js';

const Params = z.object({ token: z.string().min(1).max(200) });

/** A client that asks for JSON gets JSON (with the error code); a browser gets the page. */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(body);
}

function unknownToken(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (wantsJson(request)) throw new AppError('B2B_UNSUBSCRIBE_TOKEN_INVALID', 'unknown unsubscribe token');
  return html(reply, 404, unknownPage());
}

/**
 * The List-Unsubscribe URL (RFC 8058): POST unsubscribes the token's contact, with no
 * login and no cookie, whatever the body (mail clients send `List-Unsubscribe=One-Click`
 * form-encoded); GET only shows a page with a button that POSTs. An unknown token changes
 * nothing. In a scope of their own, so their any-body parser touches no other route.
 */
export async function unsubscribeRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 16 * 1024 }, (_req, _body, done) => done(null, undefined));
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    const common = { tags: ['newsletter'], params: Params };

    typed.get('/unsubscribe/:token', {
      config: { public: true },
      schema: { ...common, summary: 'The unsubscribe confirmation page (changes nothing)' },
    }, async (request, reply) => {
      const contact = await contactByToken(deps.sql, request.params.token);
      if (!contact) return unknownToken(request, reply);
      if (wantsJson(request)) return reply.send({ email: contact.email, unsubscribed: contact.unsubscribed_at !== null });
      return html(reply, 200, confirmPage(encodeURIComponent(request.params.token), contact.email, contact.buyer_name, contact.unsubscribed_at !== null));
    });

    typed.post('/unsubscribe/:token', {
      config: { public: true },
      schema: { ...common, summary: 'One-click unsubscribe (RFC 8058): no login, no cookie' },
    }, async (request, reply) => {
      const contact = await unsubscribeByToken(deps.sql, request.params.token);
      if (!contact) return unknownToken(request, reply);
      request.log.info({ contactId: contact.id }, 'contact unsubscribed from the newsletter');
      if (wantsJson(request)) return reply.send({ email: contact.email, unsubscribed: true });
      return html(reply, 200, donePage(contact.email));
    });
  });
}
