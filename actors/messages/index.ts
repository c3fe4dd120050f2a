import type { z } from 'zod';
import type { ActorName } from './envelope.js';
import { containerMessages } from './container.js';
import { housekeepingMessages } from './housekeeping.js';
import { ingestionMessages } from './ingestion.js';
import { matchingMessages } from './matching.js';
import { newsletterMessages } from './newsletter.js';

export * from './envelope.js';

/**
 * Every actor's message types, by actor and type. Gateway, scheduler and worker import
 * this one registry: a sender cannot build, and a receiver will not accept, a message the
 * schema refuses.
 */
export const MESSAGES = {
  ingestion: ingestionMessages,
  matching: matchingMessages,
  newsletter: newsletterMessages,
  container: containerMessages,
  housekeeping: housekeepingMessages,
} as const satisfies Record<ActorName, Record<string, z.ZodType>>;

export type Messages = typeof MESSAGES;
export type MessageType<A extends ActorName> = keyof Messages[A] & string;
export type PayloadOf<A extends ActorName, T extends MessageType<A>> =
  Messages[A][T] extends z.ZodType ? z.input<Messages[A][T]> : never;

export function messageSchema(actor: ActorName, type: string): z.ZodType | undefined {
  const byType = MESSAGES[actor] as Record<string, z.ZodType>;
  return Object.hasOwn(byType, type) ? byType[type] : undefined;
}
