import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../actors/common/log.js';
import { authPlugin } from './auth.js';
import type { GatewayDeps } from './deps.js';
import { installErrorHandling } from './errors.js';
import { buyerRoutes } from './routes/buyers.js';
import { containerRoutes } from './routes/containers.js';
import { healthRoutes } from './routes/health.js';
import { emailRoutes } from './routes/emails.js';
import { inboundEmailRoutes } from './routes/inbound-email.js';
import { inboundProviderRoutes } from './routes/inbound-providers.js';
import { inboundRejectRoutes } from './routes/inbound-rejects.js';
import { millRoutes } from './routes/mills.js';
import { offerRoutes } from './routes/offers.js';
import { matchRoutes } from './routes/matches.js';
import { messageRoutes } from './routes/messages.js';
import { newsletterRoutes } from './routes/newsletters.js';
import { consoleRoutes } from './console/routes.js';
import { metricsRoutes } from './metrics.js';
import { opsActorRoutes } from './routes/ops-actors.js';
import { opsAuditRoutes } from './routes/ops-audit.js';
import { opsMessageRoutes } from './routes/ops-messages.js';
import { probeRoutes } from './routes/probes.js';
import { requestRoutes } from './routes/requests.js';
import { unsubscribeRoutes } from './routes/unsubscribe.js';
import { windowRoutes } from './routes/windows.js';

export interface BuildOptions {
  /** The process's pino logger; none: silent (tests). */
  logger?: Logger;
}

/** The gateway, built and not listening: server.ts listens, tests use inject(). */
export async function buildApp(deps: GatewayDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    trustProxy: '127.0.0.1',
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  await app.register(authPlugin, { sql: deps.sql });
  await app.register(swagger, {
    openapi: {
      info: { title: 'b2bpaper marketplace API', version: '1.0.0', description: 'Offers from mill e-mails, buyer requests, matches, exclusivity, container plans, newsletters, operations.' },
      servers: [{ url: config.BASE_PATH || '/' }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: Authorization: Bearer b2b_…' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: `${config.BASE_PATH}/docs` });
  await app.register(async (api) => {
    await metricsRoutes(api, deps);
    await healthRoutes(api, deps);
    await messageRoutes(api, deps);
    await inboundEmailRoutes(api, deps);
    await inboundProviderRoutes(api, deps);
    await inboundRejectRoutes(api, deps);
    await emailRoutes(api, deps);
    await offerRoutes(api, deps);
    await millRoutes(api, deps);
    await opsActorRoutes(api, deps);
    await opsMessageRoutes(api, deps);
    await opsAuditRoutes(api, deps);
    await consoleRoutes(api);
    await probeRoutes(api, deps);
    await newsletterRoutes(api, deps);
    await unsubscribeRoutes(api, deps);
    await buyerRoutes(api, deps);
    await requestRoutes(api, deps);
    await matchRoutes(api, deps);
    await windowRoutes(api, deps);
    await containerRoutes(api, deps);
  }, { prefix: config.BASE_PATH });
  return app;
}
