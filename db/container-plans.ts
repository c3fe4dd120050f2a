import type { PendingQuery, Row } from 'postgres';
import type { ErrorShape } from '../actors/common/errors.js';
import type { Plan, PlanInputJson } from '../actors/container/plan/schema.js';
import type { OfferSource, PlanOffer } from '../actors/container/resolve-offers.js';
import type { ApiKey } from './api-keys.js';
import type { Db } from './client.js';
import { offerVisibleTo } from './visibility.js';

/** Container plans (031_container_plans.sql): the request as resolved, then its plan. */

export type PlanStatus = 'requested' | 'planned' | 'failed';
export type PlanViewer = Pick<ApiKey, 'id' | 'role' | 'buyer_id' | 'mill_id'>;

export interface NewPlan {
  id: string;
  requested_by: string;
  buyer_id: string | null;
  mill_id: string | null;
  input: PlanInputJson;
  sources: OfferSource[];
  message_id: string;
}

export interface PlanRow extends NewPlan {
  status: PlanStatus;
  plan: Plan | null;
  error: ErrorShape | null;
  duration_ms: number | null;
  created_at: Date;
  planned_at: Date | null;
  /** The planContainers message, while the mailbox keeps it. */
  message_state: string | null;
  message_error: ErrorShape | null;
}

/** The requested offer lines that this caller may see, with what planning needs of them. */
export async function offersForPlan(sql: Db, viewer: PlanViewer, ids: readonly string[]): Promise<PlanOffer[]> {
  if (ids.length === 0) return [];
  return sql<PlanOffer[]>`
    select o.id, o.grade, o.gsm, o.width_mm, o.sheet_mm, o.diameter_mm, o.core_mm, o.quantity_t::float8 as quantity_t,
      o.quantity_shared, o.reels, o.incoterm, o.incoterm_place, m.name as mill_name
    from offers o left join mills m on m.id = o.mill_id
    where o.id in ${sql(ids as string[])} and ${offerVisibleTo(sql, viewer)}`;
}

export async function insertPlan(sql: Db, p: NewPlan): Promise<void> {
  await sql`
    insert into container_plans (id, requested_by, buyer_id, mill_id, input, sources, message_id)
    values (${p.id}, ${p.requested_by}, ${p.buyer_id}, ${p.mill_id}, ${sql.json(p.input as never)},
      ${sql.json(p.sources as never)}, ${p.message_id})`;
}

/** What the container actor needs of a plan row. */
export async function planForWork(sql: Db, id: string): Promise<Pick<PlanRow, 'id' | 'input' | 'status' | 'plan' | 'duration_ms'> | undefined> {
  const [row] = await sql<PlanRow[]>`select id, input, status, plan, duration_ms from container_plans where id = ${id}`;
  return row;
}

/** Stores a plan unless one is stored already; returns the plan that stands. */
export async function markPlanned(sql: Db, id: string, plan: Plan, durationMs: number): Promise<{ plan: Plan; stored: boolean }> {
  const [row] = await sql<{ id: string }[]>`
    update container_plans set status = 'planned', plan = ${sql.json(plan as never)}, error = null,
      duration_ms = ${durationMs}, planned_at = now(), updated_at = now()
    where id = ${id} and status <> 'planned' returning id`;
  if (row) return { plan, stored: true };
  const [standing] = await sql<{ plan: Plan }[]>`select plan from container_plans where id = ${id}`;
  return { plan: standing!.plan, stored: false };
}

/** Records why a plan could not be made; a plan already made stays. */
export async function markFailed(sql: Db, id: string, error: ErrorShape): Promise<void> {
  await sql`
    update container_plans set status = 'failed', error = ${sql.json(error as never)}, updated_at = now()
    where id = ${id} and status <> 'planned'`;
}

/** A plan is its requester's: the key, its buyer or its mill; operators see every plan. */
function ownedBy(sql: Db, viewer: PlanViewer): PendingQuery<Row[]> {
  if (viewer.role === 'operator' || viewer.role === 'admin') return sql`true`;
  const buyer = viewer.role === 'buyer' && viewer.buyer_id ? sql`p.buyer_id = ${viewer.buyer_id}` : sql`false`;
  const mill = viewer.role === 'mill' && viewer.mill_id ? sql`p.mill_id = ${viewer.mill_id}` : sql`false`;
  return sql`(p.requested_by = ${viewer.id} or ${buyer} or ${mill})`;
}

const COLUMNS = `p.id, p.requested_by, p.buyer_id, p.mill_id, p.input, p.sources, p.message_id, p.status, p.plan,
  p.error, p.duration_ms, p.created_at, p.planned_at, mb.state as message_state, mb.last_error as message_error`;

export async function getPlan(sql: Db, viewer: PlanViewer, id: string): Promise<PlanRow | undefined> {
  const [row] = await sql<PlanRow[]>`
    select ${sql.unsafe(COLUMNS)} from container_plans p left join mailbox mb on mb.id = p.message_id
    where p.id = ${id} and ${ownedBy(sql, viewer)}`;
  return row;
}

export interface PlanListRow {
  id: string;
  buyer_id: string | null;
  status: PlanStatus;
  message_state: string | null;
  reel_count: number;
  box_count: number | null;
  lower_bound: Plan['lower_bound'] | null;
  created_at: Date;
  planned_at: Date | null;
}

/** Newest first, keyset paged by id (UUIDv7); counts only, not the plans themselves. */
export async function listPlans(sql: Db, viewer: PlanViewer, page: { limit: number; cursor?: string }): Promise<PlanListRow[]> {
  return sql<PlanListRow[]>`
    select p.id, p.buyer_id, p.status, mb.state as message_state, p.created_at, p.planned_at,
      (select coalesce(sum((r->>'count')::int), 0)::int from jsonb_array_elements(p.input->'reels') r) as reel_count,
      jsonb_array_length(p.plan->'boxes') as box_count, p.plan->'lower_bound' as lower_bound
    from container_plans p left join mailbox mb on mb.id = p.message_id
    where ${ownedBy(sql, viewer)} and ${page.cursor === undefined ? sql`true` : sql`p.id < ${page.cursor}`}
    order by p.id desc limit ${page.limit}`;
}
