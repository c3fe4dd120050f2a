import { z } from 'zod';

/** Gateway (every inbound route) → ingestion: parse a stored e-mail; idempotent per e-mail. */
export const IngestEmail = z.object({ emailId: z.uuid() });

export const ingestionMessages = { ingestEmail: IngestEmail } as const;
