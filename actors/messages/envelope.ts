import { z } from 'zod';

export const ACTORS = ['ingestion', 'matching', 'newsletter', 'container', 'housekeeping'] as const;
export const ActorName = z.enum(ACTORS);
export type ActorName = z.infer<typeof ActorName>;

/** The wire and mailbox form of every message (DESIGN.md, "Messages"). */
export const Envelope = z.object({
  id: z.uuid(),
  actor: ActorName,
  type: z.string().min(1),
  payload: z.unknown(),
  key: z.string().min(1).max(200).optional(),
  dedupeKey: z.string().min(1).max(300).optional(),
  correlationId: z.string().min(1).max(200).optional(),
  replyTo: z.string().min(1).max(300).optional(),
  notBefore: z.iso.datetime({ offset: true }).optional(),
  attempts: z.number().int().min(0),
});
export type Envelope = z.infer<typeof Envelope>;

/** What a sender may choose besides actor, type and payload. */
export interface SendOptions {
  key?: string;
  dedupeKey?: string;
  correlationId?: string;
  replyTo?: string;
  notBefore?: Date;
  origin?: string;
}
