import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { GatewayDeps } from '../deps.js';
import { mailgunRoutes } from './inbound-mailgun.js';
import { postmarkRoutes } from './inbound-postmark.js';
import { sendgridRoutes } from './inbound-sendgrid.js';

/** The answer to a provider whose delivery we keep but will never turn into an e-mail. */
export const InboundRejected = z.object({
  code: z.literal('B2B_INBOUND_UNPROCESSABLE'),
  message: z.string(),
  rejectId: z.uuid(),
}).describe('Kept for operators (GET /inbound/rejects); the status tells the provider to stop retrying');

/**
 * The provider webhooks, in a scope of their own: every body arrives as the bytes that
 * were sent (forms, JSON, anything), so each provider's handler authenticates first, then
 * reads, and can keep a refused payload exactly as it came.
 */
export async function inboundProviderRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
    await mailgunRoutes(scope, deps);
    await sendgridRoutes(scope, deps);
    await postmarkRoutes(scope, deps);
  });
}
