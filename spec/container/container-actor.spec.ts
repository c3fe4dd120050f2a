import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../actors/common/config.js';
import { AppError } from '../../actors/common/errors.js';
import { createContainer } from '../../actors/container/actor.js';
import { planContainers } from '../../actors/container/plan/index.js';
import type { Plan, PlanInputJson } from '../../actors/container/plan/schema.js';
import { effectiveStatus } from '../../actors/container/plan-view.js';
import { loadingPointOf, type PlanOffer, resolveOffers } from '../../actors/container/resolve-offers.js';
import type { Planner } from '../../actors/container/run-plan.js';
import { insertPlan } from '../../db/container-plans.js';
import { retryDeadLetter } from '../../db/ops-actions.js';
import { keyFor } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let h: Harness;
let keyId: string;
/** What the worker's planner does: the real one, counted, failing on purpose where a test says so. */
const planner = { calls: 0, failWith: null as Error | null, failOnce: false };

const counting: Planner = (input) => {
  planner.calls++;
  const failure = planner.failWith;
  if (failure) {
    if (planner.failOnce) planner.failWith = null;
    throw failure;
  }
  return planContainers(input);
};

const INPUT: PlanInputJson = {
  reels: [{ id: 'TL3', diameter_mm: 1250, width_mm: 2200, weight_kg: 1883, count: 18 }],
  boxes: ['40ft'],
};

beforeAll(async () => {
  h = await createHarness();
  await h.startWorker([createContainer({ sql: h.db.sql, planner: counting })]);
  await keyFor(h, 'operator');
  const [key] = await h.db.sql<{ id: string }[]>`select id from api_keys limit 1`;
  keyId = key!.id;
});
afterAll(async () => { await h.close(); });

async function storedPlan(input: PlanInputJson = INPUT): Promise<string> {
  const id = randomUUID();
  await insertPlan(h.db.sql, { id, requested_by: keyId, buyer_id: null, mill_id: null, input, sources: [], message_id: randomUUID() });
  return id;
}

async function settled(messageId: string) {
  return eventually(async () => {
    const [r] = await h.db.sql`select state, result, last_error, attempts from mailbox where id = ${messageId}`;
    return r?.state === 'done' || r?.state === 'dead' ? r : undefined;
  }, 20_000, `message ${messageId} settled`);
}

async function planRow(id: string) {
  const [row] = await h.db.sql<{ status: string; plan: Plan | null; error: { code: string } | null; planned_at: Date | null }[]>`
    select status, plan, error, planned_at from container_plans where id = ${id}`;
  return row!;
}

describe('the container actor', () => {
  it('plans a stored request once: the same message twice runs the planner once and answers the same plan', async () => {
    const planId = await storedPlan();
    const before = planner.calls;
    const first = await h.outbox.send('container', 'planContainers', { planId }, { key: `plan:${planId}` });
    const firstRow = await settled(first.id);
    const planned = await planRow(planId);
    const second = await h.outbox.send('container', 'planContainers', { planId }, { key: `plan:${planId}` });
    const secondRow = await settled(second.id);
    expect(planner.calls - before).toBe(1);
    expect(firstRow.result).toMatchObject({ planId, status: 'planned', reels: 18, unplaced: 0, planned_now: true });
    expect(secondRow.result).toEqual({ ...firstRow.result, planned_now: false });
    const after = await planRow(planId);
    expect(after.planned_at).toEqual(planned.planned_at);
    expect(after.plan).toEqual(planContainers(INPUT));
  });

  it('queues one message for a plan sent twice with its dedupe key', async () => {
    const planId = await storedPlan();
    const opts = { key: `plan:${planId}`, dedupeKey: `plan:${planId}` };
    const [a, b] = await Promise.all([1, 2].map(() => h.outbox.send('container', 'planContainers', { planId }, opts)));
    expect(b!.id).toBe(a!.id);
    await settled(a!.id);
    const [n] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from mailbox where payload->>'planId' = ${planId}`;
    expect(n!.n).toBe(1);
  });

  it('records a plan that fails its own check as failed, dead-letters it, and plans it afresh when an operator retries after the fix', async () => {
    const planId = await storedPlan();
    planner.failWith = new AppError('B2B_PLAN_INVALID', 'two reels overlap in box 1');
    const sent = await h.outbox.send('container', 'planContainers', { planId }, { key: `plan:${planId}` });
    const dead = await settled(sent.id);
    expect(dead).toMatchObject({ state: 'dead', attempts: 1, last_error: { code: 'B2B_PLAN_INVALID' } });
    expect(await planRow(planId)).toMatchObject({ status: 'failed', plan: null, error: { code: 'B2B_PLAN_INVALID', message: 'two reels overlap in box 1' } });
    planner.failWith = null;
    await retryDeadLetter(h.db.sql, { who: 'test', name: null }, sent.id);
    await eventually(async () => (await planRow(planId)).status === 'planned', 20_000, 'planned after the retry');
    expect((await planRow(planId)).error).toBeNull();
  });

  it('retries a failure that may pass (an unexpected error) and then plans', async () => {
    const planId = await storedPlan();
    planner.failWith = new Error('out of memory, perhaps');
    planner.failOnce = true;
    const sent = await h.outbox.send('container', 'planContainers', { planId }, { key: `plan:${planId}` });
    const done = await settled(sent.id);
    planner.failOnce = false;
    expect(done).toMatchObject({ state: 'done', attempts: 2 });
    expect((await planRow(planId)).status).toBe('planned');
  });

  it('dead-letters a message for a plan that does not exist, at once', async () => {
    const sent = await h.outbox.send('container', 'planContainers', { planId: randomUUID() });
    expect(await settled(sent.id)).toMatchObject({ state: 'dead', attempts: 1, last_error: { code: 'B2B_PLAN_NOT_FOUND' } });
  });

  it('plans 500 reels of mixed loads', async () => {
    const reels = Array.from({ length: 5 }, (_, i) => ({ id: `L${i}`, diameter_mm: 1000 + 100 * i, width_mm: 1000 + 300 * i, count: 100, grade: 'kraftliner' as const }));
    const planId = await storedPlan({ reels, options: { mix_loading_points: true } });
    const sent = await h.outbox.send('container', 'planContainers', { planId });
    expect(await settled(sent.id)).toMatchObject({ state: 'done', result: { reels: 500, unplaced: 0 } });
  });
});

describe('a plan\'s status as shown', () => {
  const cases: [string, Parameters<typeof effectiveStatus>[0], ReturnType<typeof effectiveStatus>][] = [
    ['queued', { status: 'requested', message_state: 'queued' }, { status: 'requested', error: null }],
    ['being planned', { status: 'requested', message_state: 'in_flight' }, { status: 'requested', error: null }],
    ['message purged', { status: 'requested', message_state: null }, { status: 'requested', error: null }],
    ['dead past its retries', { status: 'requested', message_state: 'dead', message_error: { code: 'B2B_HANDLER_TIMEOUT', message: 'slow', retryable: true } }, { status: 'failed', error: { code: 'B2B_HANDLER_TIMEOUT', message: 'slow' } }],
    ['cancelled', { status: 'requested', message_state: 'cancelled' }, { status: 'failed', error: { code: 'B2B_CONFLICT', message: 'an operator cancelled the planning' } }],
    ['planned', { status: 'planned', message_state: 'done' }, { status: 'planned', error: null }],
    ['refused', { status: 'failed', message_state: 'dead', error: { code: 'B2B_PLAN_INVALID', message: 'overlap', retryable: false } }, { status: 'failed', error: { code: 'B2B_PLAN_INVALID', message: 'overlap' } }],
  ];
  it.each(cases)('%s', (_what, row, shown) => {
    expect(effectiveStatus(row)).toEqual(shown);
  });
});

describe('offer lines as reel lines', () => {
  const places: [string | null, string | null, string | null, string | null, string | null][] = [
    ['FCA', 'Cittadella', 'Cartiera Veneta', 'Cittadella', 'incoterm'],
    ['EXW', 'mill', 'Cartiera Veneta', 'Cartiera Veneta', 'mill'],
    ['FOB', 'Hamburg', null, 'Hamburg', 'incoterm'],
    // the place of a C- or D-term is the destination, not where the reels are loaded
    ['CIF', 'Alexandria', 'Cartiera Veneta', 'Cartiera Veneta', 'mill'],
    ['DAP', 'Poznan', null, null, null],
    [null, null, null, null, null],
  ];
  it.each(places)('%s %s from mill %s loads at %s (%s)', (incoterm, place, mill, point, from) => {
    expect(loadingPointOf({ incoterm, incoterm_place: place, mill_name: mill })).toEqual({ loading_point: point, loading_point_from: from });
  });

  const offer = (o: Partial<PlanOffer> = {}): PlanOffer => ({
    id: randomUUID(), grade: 'testliner-3', gsm: 125, width_mm: 2200, sheet_mm: null, diameter_mm: 1250, core_mm: 76,
    quantity_t: null, quantity_shared: false, reels: null, incoterm: null, incoterm_place: null, mill_name: null, ...o,
  });
  const options = { mix_loading_points: false, road_limit_kg: null, densities: {} };
  const one = (o: PlanOffer, ref: object = {}) => resolveOffers([{ offer_id: o.id, ...ref }], [o], options);

  it('counts reels from tonnes over the reel weight, rounded, at least one; a weight given wins over the grade', () => {
    expect(one(offer({ quantity_t: 24 })).sources[0]).toMatchObject({ count: 13, count_from: 'offer_tonnes', reel_weight_kg: 1883, weight_from: 'size_and_grade' });
    expect(one(offer({ quantity_t: 0.5 })).sources[0]).toMatchObject({ count: 1 });
    expect(one(offer({ quantity_t: 24, grade: 'wfc' })).sources[0]).toMatchObject({ count: 8, reel_weight_kg: 2959 });
    expect(one(offer({ quantity_t: 24 }), { weight_kg: 2000 }).sources[0]).toMatchObject({ count: 12, weight_from: 'request' });
    expect(one(offer({ quantity_t: 24 }), { quantity_t: 10 }).sources[0]).toMatchObject({ count: 5, count_from: 'request_tonnes' });
  });

  it('refuses more of an offer line than it has, and a size it contradicts', () => {
    expect(() => one(offer({ quantity_t: 24 }), { quantity_t: 30 })).toThrow(/body\.offers\.0\.quantity_t: the offer has 24 t/);
    expect(() => one(offer({ core_mm: 150 }), { core_mm: 76 })).toThrow(/body\.offers\.0\.core_mm: the offer states a core of 150 mm/);
    expect(() => one(offer({ core_mm: null, diameter_mm: null }), { diameter_mm: 100, core_mm: 150, reels: 1 })).toThrow(/a 150 mm core in a 100 mm reel/);
    expect(one(offer({ diameter_mm: 1250, reels: 4 }), { diameter_mm: 1250 }).reels[0]).toMatchObject({ diameter_mm: 1250, count: 4 });
  });
});

describe('the container configuration', () => {
  const env = (v: Record<string, string>) => ({ DATABASE_URL: 'postgres://x@localhost/db', REDIS_URL: 'redis://localhost', ...v });
  const BOX = { type: '45ft-hc', length_mm: 13556, width_mm: 2352, height_mm: 2698, door_height_mm: 2585, payload_kg: 27600 };

  it('reads box types as JSON and the reel limit', () => {
    const config = parseConfig(env({ CONTAINER_BOX_TYPES: JSON.stringify([BOX]), CONTAINER_MAX_REELS: '800' }));
    expect(config.CONTAINER_BOX_TYPES).toEqual([BOX]);
    expect(config.CONTAINER_MAX_REELS).toBe(800);
    expect(parseConfig(env({})).CONTAINER_BOX_TYPES).toEqual([]);
  });

  it.each([
    ['not JSON', '[{"type": "x"'],
    ['a missing dimension', JSON.stringify([{ ...BOX, payload_kg: undefined }])],
    ['a type twice', JSON.stringify([BOX, BOX])],
  ])('refuses %s, naming the variable', (_what, value) => {
    expect(() => parseConfig(env({ CONTAINER_BOX_TYPES: value }))).toThrow(/CONTAINER_BOX_TYPES: not valid box types JSON/);
  });
});
