import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Sql } from '../db/client.js';
import { findApiKey, type ApiKey, type Role } from '../db/api-keys.js';
import { AppError } from '../actors/common/errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** An onRequest hook that admits only keys of these roles. */
    requireRole: (...roles: Role[]) => onRequestHookHandler;
    /** Every route with the roles it admits ('public' for none needed): what the auth tests walk. */
    routeAccess: RouteAccess[];
  }
  interface FastifyRequest {
    apiKey: ApiKey | null;
  }
  interface FastifyContextConfig {
    /** A route without API-key auth (health, docs, webhooks with their own signatures). */
    public?: boolean;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  roles: Role[] | 'public';
}

type RoleHook = onRequestHookHandler & { roles?: Role[] };

const CACHE_MS = 5_000;

/**
 * API keys as `Authorization: Bearer …`, looked up by hash (cached a few seconds, so a
 * revoked key stops working within that time). Every route must either require roles or
 * say it is public: a route that says neither is refused at start-up, not left open.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { sql: Sql }) => {
  const cache = new Map<string, { key: ApiKey | undefined; at: number }>();
  const lookup = async (token: string): Promise<ApiKey | undefined> => {
    const hit = cache.get(token);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.key;
    const key = await findApiKey(opts.sql, token);
    if (cache.size > 10_000) cache.clear();
    cache.set(token, { key, at: Date.now() });
    return key;
  };

  app.decorateRequest('apiKey', null);
  app.decorate('routeAccess', [] as RouteAccess[]);
  app.decorate('requireRole', (...roles: Role[]) => {
    const hook: RoleHook = async (request: FastifyRequest) => check(request, roles);
    hook.roles = roles;
    return hook;
  });

  const check = async (request: FastifyRequest, roles: Role[]) => {
    const token = bearer(request.headers.authorization);
    if (!token) throw new AppError('B2B_UNAUTHENTICATED', 'an API key is required: Authorization: Bearer <key>');
    const key = await lookup(token);
    if (!key) throw new AppError('B2B_UNAUTHENTICATED', 'unknown or revoked API key');
    if (!roles.includes(key.role)) throw new AppError('B2B_FORBIDDEN', `this route is for ${roles.join(' or ')} keys`);
    request.apiKey = key;
  };

  app.addHook('onRoute', (route) => {
    const hooks = (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) as (RoleHook | undefined)[];
    const roles = hooks.find((h) => h?.roles)?.roles;
    const isPublic = route.config?.public === true || route.url.includes('/docs');
    if (!roles && !isPublic) throw new Error(`route ${route.method} ${route.url} has neither requireRole nor config.public`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, roles: roles ?? 'public' });
    }
  });
});

function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
