import { z } from 'zod';
import { BROWSE_STATES } from '../../db/ops-messages.js';
import { ActorName } from '../../actors/messages/envelope.js';

export const ActorParams = z.object({ actor: ActorName });
export const MessageParams = z.object({ id: z.uuid() });

export const RevealQuery = z.object({
  reveal: z.enum(['true', 'false']).optional().describe('true: show secrets and e-mail bodies (audited)'),
});

export const BrowseQuery = RevealQuery.extend({
  state: z.enum(BROWSE_STATES).optional(),
  type: z.string().min(1).max(100).optional(),
  cursor: z.uuid().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditQuery = z.object({
  action: z.enum(['pause', 'resume', 'retry', 'retry-all', 'cancel', 'purge-dead', 'reveal']).optional(),
  actor: ActorName.optional(),
  messageId: z.uuid().optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditView = z.object({
  id: z.uuid(),
  at: z.string(),
  who: z.string(),
  whoName: z.string().nullable(),
  action: z.string(),
  actor: z.string().nullable(),
  messageId: z.string().nullable(),
  count: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const Control = z.object({ actor: ActorName, paused: z.boolean(), reason: z.string().nullable() });

export const PauseBody = z.object({ reason: z.string().max(300).optional() }).optional();

export const PurgeBody = z.object({ confirm: z.string().min(1).max(100).optional() }).optional();

export const ThroughputQuery = z.object({ minutes: z.coerce.number().int().min(5).max(24 * 60).default(60) });

export const ThroughputSeries = z.object({
  minutes: z.number().int(),
  from: z.string(),
  actors: z.array(z.object({
    actor: z.string(),
    /** One entry per minute, oldest first. */
    succeeded: z.array(z.number().int()),
    failed: z.array(z.number().int()),
  })),
});
