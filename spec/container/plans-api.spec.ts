import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContainers } from '../../actors/container/plan/index.js';
import type { PlanInputJson } from '../../actors/container/plan/schema.js';
import { insertPlan } from '../../db/container-plans.js';
import { bearer, buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { addMill, addOffer, countRows, readSvg } from './api-world.js';

let h: Harness;
let app: FastifyInstance;
let operator: string;
let buyer: { id: string; key: string };
let rival: { id: string; key: string };
let mill: string;

/** A flat box of our own, configured: short, low, light. */
const SHORT_BOX = { type: 'short-20', length_mm: 4000, width_mm: 2352, height_mm: 2393, door_height_mm: 2280, payload_kg: 12000 };
const WAIT = { prefer: 'wait=20' };
const REELS: PlanInputJson['reels'] = [
  { id: 'TL3-2200', diameter_mm: 1250, width_mm: 2200, weight_kg: 1883, count: 18 },
  { id: 'FL-1100', diameter_mm: 1100, width_mm: 1100, count: 10, grade: 'fluting' },
];

beforeAll(async () => {
  h = await createHarness({ CONTAINER_BOX_TYPES: JSON.stringify([SHORT_BOX]), CONTAINER_MAX_REELS: '400' });
  app = await buildTestApp(h);
  await app.ready();
  await h.startWorker();
  operator = await keyFor(h, 'operator');
  for (const who of ['buyer', 'rival'] as const) {
    const id = randomUUID();
    await h.db.sql`insert into buyers (id, name, country) values (${id}, ${who}, 'DE')`;
    const entry = { id, key: await keyFor(h, 'buyer', { buyerId: id }) };
    if (who === 'buyer') buyer = entry; else rival = entry;
  }
  mill = await addMill(h.db.sql, 'Papierfabrik Mainau');
});
afterAll(async () => { await app.close(); await h.close(); });

async function post(key: string, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/containers/plans', headers: { ...bearer(key), ...headers }, payload: body as object });
}

async function getPlan(key: string, id: string) {
  return app.inject({ method: 'GET', url: `/containers/plans/${id}`, headers: bearer(key) });
}

type PlanBody = {
  id: string; status: string; plan: { boxes: { type: string; reels: { id: string; offer_line_id: string | null }[]; weight_kg: number }[]; lower_bound: { weight: number; floor: number; joint: number } };
  summary: { boxes: number; reels_placed: number; reels_unplaced: number; box_types: Record<string, number> };
  input: { reels: number; lines: { id: string; count: number; loading_point: string | null; diameter_mm: number }[]; offers: { offer_id: string; label: string; count: number; count_from: string; loading_point: string | null; loading_point_from: string | null }[]; box_types: { type: string }[] };
  lower_bound: { weight: number; floor: number; joint: number }; explanation: string | null; pictures: string[]; error: { code: string } | null;
};

describe('POST /containers/plans', () => {
  it('with Prefer: wait answers 200 with the plan: every reel placed, the bounds, a picture per box', async () => {
    const res = await post(buyer.key, { reels: REELS, boxes: ['40ft', '40ft-hc'] }, WAIT);
    expect(res.statusCode).toBe(200);
    const body = res.json() as PlanBody & { planId: string; state: string };
    expect(body.state).toBe('done');
    expect(body.id).toBe(body.planId);
    expect(body.status).toBe('planned');
    expect(body.summary.reels_placed).toBe(28);
    expect(body.summary.reels_unplaced).toBe(0);
    expect(body.summary.boxes).toBe(body.plan.boxes.length);
    expect(body.plan.boxes.length).toBeGreaterThanOrEqual(Math.max(body.lower_bound.weight, body.lower_bound.floor));
    expect(body.plan.boxes.every((b) => ['40ft', '40ft-hc'].includes(b.type))).toBe(true);
    expect(body.pictures).toEqual(body.plan.boxes.map((_, i) => `/containers/plans/${body.id}/boxes/${i + 1}.svg`));
    const [row] = await h.db.sql<{ input: never }[]>`select input from container_plans where id = ${body.id}`;
    expect(body.plan).toEqual(planContainers(row!.input));
  });

  it('without Prefer answers 202 with the message as Location and the plan to poll', async () => {
    const res = await post(buyer.key, { reels: REELS.slice(0, 1) });
    expect(res.statusCode).toBe(202);
    const body = res.json() as { planId: string; messageId: string; state: string; plan: string };
    expect(body.state).toBe('accepted');
    expect(res.headers.location).toBe(`/messages/${body.messageId}`);
    expect(body.plan).toBe(`/containers/plans/${body.planId}`);
    const planned = await eventually(async () => {
      const got = (await getPlan(buyer.key, body.planId)).json() as PlanBody;
      return got.status === 'planned' && got;
    }, 20_000, 'the plan');
    expect(planned.summary.reels_placed).toBe(18);
    expect(planned.input.lines).toEqual([expect.objectContaining({ id: 'TL3-2200', count: 18 })]);
  });

  it('resolves offer lines: sizes from the offer, count from its reels or its tonnes, loading point from FCA place or the mill', async () => {
    const byReels = await addOffer(h.db.sql, { reels: 12, incoterm: 'FCA', incoterm_place: 'Cittadella' });
    const byTonnes = await addOffer(h.db.sql, { reels: null, quantity_t: 24, diameter_mm: 1250, width_mm: 2200, grade: 'kraftliner', incoterm: 'CIF', incoterm_place: 'Alexandria', mill_id: mill });
    const partial = await addOffer(h.db.sql, { reels: 30, diameter_mm: null, incoterm: 'EXW', incoterm_place: 'mill', mill_id: mill });
    const res = await post(buyer.key, {
      offers: [{ offer_id: byReels }, { offer_id: byTonnes }, { offer_id: partial, reels: 5, diameter_mm: 1000 }],
      options: { mix_loading_points: true },
    }, WAIT);
    expect(res.statusCode).toBe(200);
    const body = res.json() as PlanBody;
    expect(body.input.offers.map((o) => [o.label, o.count, o.count_from, o.loading_point, o.loading_point_from])).toEqual([
      ['offer 1', 12, 'offer_reels', 'Cittadella', 'incoterm'],
      // 24 t of 1,250 × 2,200 mm kraftliner at 0.7 t/m³ (1,883 kg a reel) is 13 reels, rounded
      ['offer 2', 13, 'offer_tonnes', 'Papierfabrik Mainau', 'mill'],
      ['offer 3', 5, 'request_reels', 'Papierfabrik Mainau', 'mill'],
    ]);
    expect(body.input.lines.map((l) => [l.id, l.diameter_mm])).toEqual([[byReels, 1250], [byTonnes, 1250], [partial, 1000]]);
    expect(body.summary.reels_placed).toBe(30);
    const placed = body.plan.boxes.flatMap((b) => b.reels.map((r) => r.offer_line_id));
    expect(placed.filter((id) => id === byTonnes)).toHaveLength(13);
  });

  it('keeps reels of different loading points apart unless asked to mix them', async () => {
    const a = await addOffer(h.db.sql, { reels: 4, incoterm: 'FCA', incoterm_place: 'Cittadella' });
    const b = await addOffer(h.db.sql, { reels: 4, incoterm: 'FCA', incoterm_place: 'Tudela' });
    const apart = (await post(buyer.key, { offers: [{ offer_id: a }, { offer_id: b }] }, WAIT)).json() as PlanBody;
    expect(apart.plan.boxes).toHaveLength(2);
    for (const box of apart.plan.boxes) expect(new Set(box.reels.map((r) => r.offer_line_id)).size).toBe(1);
    const mixed = (await post(buyer.key, { offers: [{ offer_id: a }, { offer_id: b }], options: { mix_loading_points: true } }, WAIT)).json() as PlanBody;
    expect(mixed.plan.boxes).toHaveLength(1);
  });

  it('uses the configured box types, and a request\'s own over them', async () => {
    const configured = (await post(buyer.key, { reels: REELS.slice(0, 1), boxes: ['short-20'] }, WAIT)).json() as PlanBody;
    expect(configured.input.box_types).toEqual([SHORT_BOX]);
    expect(configured.plan.boxes.every((b) => b.type === 'short-20' && b.weight_kg <= 12000)).toBe(true);
    const own = { ...SHORT_BOX, payload_kg: 6000 };
    const res = await post(buyer.key, { reels: REELS.slice(0, 1), boxes: ['short-20'], box_types: [own] }, WAIT);
    const body = res.json() as PlanBody;
    expect(body.input.box_types).toEqual([own]);
    expect(body.plan.boxes.every((b) => b.weight_kg <= 6000)).toBe(true);
    expect(body.plan.boxes.length).toBeGreaterThan(configured.plan.boxes.length);
  });
});

describe('who may plan from which offer lines', () => {
  it("refuses a rival's exclusive line, or an unknown one, as not found, and queues nothing", async () => {
    const exclusive = await addOffer(h.db.sql, { status: 'exclusive', exclusive_buyer_id: rival.id });
    const before = await countRows(h.db.sql);
    for (const id of [exclusive, randomUUID()]) {
      const res = await post(buyer.key, { offers: [{ offer_id: id }] }, WAIT);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'B2B_OFFER_NOT_FOUND' });
    }
    expect(await countRows(h.db.sql)).toEqual(before);
    const own = await post(rival.key, { offers: [{ offer_id: exclusive }] }, WAIT);
    expect(own.statusCode).toBe(200);
    expect((await post(operator, { offers: [{ offer_id: exclusive }] }, WAIT)).statusCode).toBe(200);
  });

  it('lets a mill plan from the open market and its own lines, not a reserved line of another mill', async () => {
    const millKey = await keyFor(h, 'mill', { millId: mill });
    const ownReserved = await addOffer(h.db.sql, { status: 'reserved', exclusive_buyer_id: buyer.id, mill_id: mill });
    const otherReserved = await addOffer(h.db.sql, { status: 'reserved', exclusive_buyer_id: buyer.id });
    expect((await post(millKey, { offers: [{ offer_id: ownReserved }] }, WAIT)).statusCode).toBe(200);
    expect((await post(millKey, { offers: [{ offer_id: otherReserved }] }, WAIT)).statusCode).toBe(404);
  });
});

describe('bad input', () => {
  const cases: [string, unknown, string, string][] = [
    ['a reel without a diameter', { reels: [{ id: 'x', width_mm: 2000, count: 2 }] }, 'B2B_VALIDATION', 'body.reels.0.diameter_mm'],
    ['a negative count', { reels: [{ ...REELS[0], count: -1 }] }, 'B2B_VALIDATION', 'body.reels.0.count'],
    ['nothing to plan', { reels: [] }, 'B2B_VALIDATION', 'body.reels'],
    ['a reel id twice', { reels: [REELS[0], REELS[0]] }, 'B2B_VALIDATION', 'body.reels.1.id'],
    ['an unknown box type', { reels: REELS, boxes: ['45ft'] }, 'B2B_PLAN_INPUT_INVALID', 'body.boxes'],
    ['more reels than one plan may hold', { reels: [{ ...REELS[0], count: 401 }] }, 'B2B_PLAN_INPUT_INVALID', 'body.reels'],
    ['reels and tonnes of one offer line', { offers: [{ offer_id: randomUUID(), reels: 2, quantity_t: 3 }] }, 'B2B_VALIDATION', 'body.offers.0.quantity_t'],
  ];
  it.each(cases)('%s is 400 naming the field, and nothing is stored', async (_what, body, code, field) => {
    const before = await countRows(h.db.sql);
    const res = await post(buyer.key, body, WAIT);
    expect(res.statusCode).toBe(400);
    const error = res.json() as { code: string; message: string; details: { field: string }[] };
    expect(error.code).toBe(code);
    expect(error.details.map((d) => d.field)).toContain(field);
    expect(await countRows(h.db.sql)).toEqual(before);
  });

  it('an unknown field is 400 naming it, and nothing is stored', async () => {
    const before = await countRows(h.db.sql);
    const res = await post(buyer.key, { reels: REELS, colour: 'blue' }, WAIT);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'B2B_VALIDATION', message: expect.stringContaining('colour') });
    expect(await countRows(h.db.sql)).toEqual(before);
  });

  it('names each offer line that cannot become reels: sheets, no diameter, a contradicted size, too many reels, a shared quantity', async () => {
    const sheets = await addOffer(h.db.sql, { width_mm: null, sheet_mm: [700, 1000], diameter_mm: null });
    const noDiameter = await addOffer(h.db.sql, { diameter_mm: null });
    const stated = await addOffer(h.db.sql, { reels: 6 });
    const shared = await addOffer(h.db.sql, { reels: null, quantity_t: 40, quantity_shared: true });
    const before = await countRows(h.db.sql);
    const res = await post(buyer.key, { offers: [
      { offer_id: sheets }, { offer_id: noDiameter }, { offer_id: stated, diameter_mm: 1000, reels: 7 }, { offer_id: shared },
    ] });
    expect(res.statusCode).toBe(400);
    const error = res.json() as { code: string; details: { field: string; message: string }[] };
    expect(error.code).toBe('B2B_PLAN_INPUT_INVALID');
    expect(error.details).toEqual([
      { field: 'body.offers.0.offer_id', message: 'the offer is not reels (sheets 700 × 1000 mm)' },
      { field: 'body.offers.1.diameter_mm', message: 'the offer states no reel diameter: give diameter_mm' },
      { field: 'body.offers.2.diameter_mm', message: 'the offer states a diameter of 1250 mm' },
      { field: 'body.offers.2.reels', message: 'the offer has 6 reels' },
      { field: 'body.offers.3.reels', message: "the offer's 40 t is shared with its other widths: give reels or quantity_t" },
    ]);
    expect(await countRows(h.db.sql)).toEqual(before);
  });
});

describe('GET /containers/plans/{id}', () => {
  it('shows a plan to its buyer (any of its keys) and to operators; to anyone else it does not exist', async () => {
    const { planId } = (await post(buyer.key, { reels: REELS.slice(1) }, WAIT)).json() as { planId: string };
    const secondKey = await keyFor(h, 'buyer', { buyerId: buyer.id });
    for (const key of [buyer.key, secondKey, operator]) expect((await getPlan(key, planId)).statusCode).toBe(200);
    for (const key of [rival.key, await keyFor(h, 'mill', { millId: mill })]) {
      const res = await getPlan(key, planId);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'B2B_PLAN_NOT_FOUND' });
    }
    expect((await getPlan(operator, randomUUID())).statusCode).toBe(404);
  });

  it('lists a caller\'s own plans newest first, every plan to operators', async () => {
    const fresh = await keyFor(h, 'buyer');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(((await post(fresh, { reels: REELS.slice(1) }, WAIT)).json() as { planId: string }).planId);
    const page = (await app.inject({ method: 'GET', url: '/containers/plans?limit=2', headers: bearer(fresh) })).json() as { items: { id: string; status: string; reels: number; boxes: number }[]; nextCursor: string };
    expect(page.items.map((p) => p.id)).toEqual([ids[2], ids[1]]);
    expect(page.items[0]).toMatchObject({ status: 'planned', reels: 10, boxes: 1 });
    const rest = (await app.inject({ method: 'GET', url: `/containers/plans?limit=2&cursor=${page.nextCursor}`, headers: bearer(fresh) })).json() as { items: { id: string }[]; nextCursor: null };
    expect(rest).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    const all = (await app.inject({ method: 'GET', url: '/containers/plans?limit=200', headers: bearer(operator) })).json() as { items: { id: string }[] };
    expect(all.items.length).toBeGreaterThan(3);
  });
});

describe('GET /containers/plans/{id}/boxes/{n}.svg', () => {
  it('draws every box to scale: valid SVG, one circle per reel, labelled with offer, widths and weight', async () => {
    const offer = await addOffer(h.db.sql, { reels: 20, width_mm: 1100 });
    const body = (await post(buyer.key, { offers: [{ offer_id: offer }], reels: REELS.slice(0, 1) }, WAIT)).json() as PlanBody;
    expect(body.plan.boxes.length).toBeGreaterThan(1);
    for (const [i, box] of body.plan.boxes.entries()) {
      const res = await app.inject({ method: 'GET', url: body.pictures[i]!, headers: bearer(buyer.key) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      const svg = readSvg(res.body);
      expect(svg.root).toBe('svg');
      expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
      expect(svg.circles).toBe(box.reels.length);
      expect(svg.texts).toContain(`Box ${i + 1}: ${box.type}`);
      if (box.reels.some((r) => r.offer_line_id === offer)) expect(svg.texts).toContain('offer 1');
      expect(svg.texts.some((t) => /^w \d+/.test(t))).toBe(true);
      expect(svg.texts.some((t) => /^[\d.]+ kg$/.test(t))).toBe(true);
      expect(svg.texts.some((t) => /payload [\d.]+% · floor [\d.]+%/.test(t))).toBe(true);
    }
  });

  it('is 404 for a box the plan does not have or a plan the caller may not see', async () => {
    const body = (await post(buyer.key, { reels: REELS.slice(1) }, WAIT)).json() as PlanBody;
    expect(body.plan.boxes).toHaveLength(1);
    const at = (n: string, key = buyer.key) => app.inject({ method: 'GET', url: `/containers/plans/${body.id}/boxes/${n}.svg`, headers: bearer(key) });
    expect((await at('2')).statusCode).toBe(404);
    expect((await at('0')).statusCode).toBe(400);
    expect((await at('1', rival.key)).statusCode).toBe(404);
    expect((await at('1', operator)).statusCode).toBe(200);
  });

  it('is 409 while the plan is not made yet', async () => {
    const [key] = await h.db.sql<{ id: string }[]>`select id from api_keys where buyer_id = ${buyer.id} limit 1`;
    const id = randomUUID();
    await insertPlan(h.db.sql, { id, requested_by: key!.id, buyer_id: buyer.id, mill_id: null, input: { reels: REELS }, sources: [], message_id: randomUUID() });
    const res = await app.inject({ method: 'GET', url: `/containers/plans/${id}/boxes/1.svg`, headers: bearer(buyer.key) });
    expect(res.statusCode).toBe(409);
    expect(((await getPlan(buyer.key, id)).json() as PlanBody)).toMatchObject({ status: 'requested', plan: null, pictures: [], summary: null });
  });
});

describe('the API document', () => {
  it('describes the container routes', async () => {
    const doc = (await app.inject('/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/containers/plans', '/containers/plans/{id}', '/containers/plans/{id}/boxes/{n}.svg',
    ]));
    expect(doc.paths['/containers/plans']!.post).toMatchObject({ requestBody: expect.anything(), responses: { 200: expect.anything(), 202: expect.anything() } });
  });
});

describe('a plan the planner refuses', () => {
  it('shows as failed with the planner\'s code', async () => {
    const [key] = await h.db.sql<{ id: string }[]>`select id from api_keys where buyer_id = ${buyer.id} limit 1`;
    const id = randomUUID();
    // Stored past the gateway's checks, as a row written by an older version might be.
    const staged = await h.db.sql.begin(async (tx) => {
      const s = await h.outbox.stage(tx, 'container', 'planContainers', { planId: id });
      await insertPlan(tx, { id, requested_by: key!.id, buyer_id: buyer.id, mill_id: null, input: { reels: REELS, boxes: ['53ft'] }, sources: [], message_id: s.inserted.id });
      return s;
    });
    h.outbox.announce([staged]);
    const failed = await eventually(async () => {
      const got = (await getPlan(buyer.key, id)).json() as PlanBody;
      return got.status === 'failed' && got;
    }, 20_000, 'the plan failed');
    expect(failed.error).toMatchObject({ code: 'B2B_PLAN_INPUT_INVALID', message: expect.stringContaining('53ft') });
  });
});
