import { z } from 'zod';
import type { ApiKey } from '../../db/api-keys.js';
import { toOfferLine, type OfferRow } from '../../db/offers.js';
import { OfferLine } from '../../actors/domain/offer-line.js';

export const OfferStatus = z.enum(['open', 'exclusive', 'reserved', 'sold', 'withdrawn']);

/** Where a line came from: for operators and the mill that offers it, not for the market. */
export const OfferProvenance = z.object({
  millId: z.uuid().nullable(),
  emailId: z.uuid().nullable(),
  lineNo: z.number().int().nullable(),
  source: z.string().nullable().describe('the text line, table row or "file.csv row 4" the line was read from; "api" for lines entered through the API'),
  createdBy: z.string().nullable(),
});

/** One offer line with DOMAIN.md's field names, its id and where it stands. */
export const OfferView = OfferLine.extend({
  id: z.uuid(),
  status: OfferStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  provenance: OfferProvenance.optional(),
});
export type OfferView = z.infer<typeof OfferView>;

function seesProvenance(viewer: Pick<ApiKey, 'role' | 'mill_id'> | null, row: OfferRow): boolean {
  if (!viewer) return false;
  return viewer.role === 'operator' || viewer.role === 'admin' || (viewer.role === 'mill' && viewer.mill_id !== null && viewer.mill_id === row.mill_id);
}

export function offerView(row: OfferRow, viewer: Pick<ApiKey, 'role' | 'mill_id'> | null): OfferView {
  const view: OfferView = { id: row.id, ...toOfferLine(row), status: row.status, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
  if (seesProvenance(viewer, row)) {
    view.provenance = { millId: row.mill_id, emailId: row.email_id, lineNo: row.line_no, source: row.source, createdBy: row.created_by };
  }
  return view;
}
