import { createApiKey, listApiKeys, revokeApiKey, ROLES, type Role } from '../../../db/api-keys.js';
import { table, type Command } from '../context.js';

export const createKey: Command = {
  usage: 'create-key --role buyer|mill|operator|admin --name NAME [--buyer ID] [--mill ID]',
  summary: 'mint an API key; prints the key alone on stdout (it is not shown again)',
  options: { role: { type: 'string' }, name: { type: 'string' }, buyer: { type: 'string' }, mill: { type: 'string' } },
  async run({ sql, flags, out }) {
    const role = flags.role as Role;
    const name = flags.name;
    if (!ROLES.includes(role) || typeof name !== 'string' || name.trim() === '') {
      throw new Error(`usage: ${createKey.usage}`);
    }
    if (role === 'buyer' && typeof flags.buyer !== 'string') throw new Error('a buyer key belongs to one buyer: --buyer BUYER_ID');
    const { key } = await createApiKey(sql, {
      name, role, buyerId: typeof flags.buyer === 'string' ? flags.buyer : null, millId: typeof flags.mill === 'string' ? flags.mill : null,
    });
    out(key);
  },
};

export const listKeys: Command = {
  usage: 'keys',
  summary: 'list API keys (prefix, role, name; never the key)',
  async run({ sql, json, out }) {
    const keys = await listApiKeys(sql);
    if (json) return keys.forEach((k) => out(JSON.stringify(k)));
    out(table(keys.map((k) => ({ id: k.id, prefix: k.key_prefix, role: k.role, name: k.name, created: k.created_at, revoked: k.revoked_at }))));
  },
};

export const revokeKey: Command = {
  usage: 'revoke-key ID',
  summary: 'revoke an API key by its id',
  async run({ sql, args, out }) {
    const id = args[0];
    if (!id) throw new Error(`usage: ${revokeKey.usage}`);
    out(await revokeApiKey(sql, id) ? `revoked ${id}` : `no active key ${id}`);
  },
};
