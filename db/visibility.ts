import type { PendingQuery, Row } from 'postgres';
import type { Db } from './client.js';
import type { ApiKey } from './api-keys.js';

/**
 * Which offer lines a caller may see, as a SQL condition on the offers alias `o`. The one
 * place this rule lives: offer lists, matches, counts, searches, newsletters and container
 * plans all use it. A buyer sees the open market and the lines under its own exclusive
 * window or reservation, never a rival's; a mill sees the open market and its own lines;
 * operators see everything.
 */
export function offerVisibleTo(sql: Db, viewer: Pick<ApiKey, 'role' | 'buyer_id' | 'mill_id'>): PendingQuery<Row[]> {
  switch (viewer.role) {
    case 'operator':
    case 'admin':
      return sql`true`;
    case 'buyer':
      return sql`(o.status = 'open' or (o.status in ('exclusive', 'reserved') and o.exclusive_buyer_id = ${viewer.buyer_id}))`;
    case 'mill':
      return sql`(o.status = 'open' or o.mill_id = ${viewer.mill_id})`;
  }
}

/** The open market alone: what a newsletter may show to anyone. */
export function offerOnOpenMarket(sql: Db): PendingQuery<Row[]> {
  return sql`o.status = 'open'`;
}
