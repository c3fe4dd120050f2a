import { z } from 'zod';

/** Keyset paging over time-ordered (UUIDv7) ids, newest first: pass `nextCursor` back as `cursor`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional().describe('nextCursor of the previous page'),
});

export function pageOf<T>(Item: z.ZodType<T>) {
  return z.object({ items: z.array(Item), nextCursor: z.uuid().nullable() });
}

/** Rows fetched with limit + 1: the extra row only says that there is a next page. */
export function paged<R extends { id: string }, T>(rows: R[], limit: number, view: (row: R) => T): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { items: page.map(view), nextCursor: rows.length > limit ? (page[page.length - 1] as R).id : null };
}
