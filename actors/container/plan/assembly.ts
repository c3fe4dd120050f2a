import { layoutFloor } from './box-layout.js';
import { type Loaded, fillOne, stackFits } from './box-fill.js';
import { shareIn } from './floor-layouts.js';
import type { Box } from './box-types.js';
import { type Reel, misfit } from './reels.js';
import { buildStacks } from './tiers.js';
import { boundOf, lowerBounds } from './bounds.js';
import { repack } from './repack.js';
import { balance } from './balance.js';

/**
 * Puts one loading group's reels into boxes. Each allowed type is tried as the main type
 * (the largest first; a type skipped where alone it needs more boxes than a plan already
 * found); reels it cannot take go first into boxes of the largest type that can, topped up
 * from the rest. Where the greedy fill misses the lower bound, repack.ts and then
 * balance.ts look for a plan at the bound. Every box then moves to the smallest type that
 * still holds its reels. The rule between plans: fewer boxes, then less inside volume (a
 * smaller box is the cheaper: 20ft < 40ft < 40ft-hc).
 */

const byVolume = (a: Box, b: Box): number => a.volume - b.volume;

/** The largest allowed type a reel fits, for reels the main type cannot take. */
function hostOf(reel: Reel, boxes: readonly Box[]): Box {
  return [...boxes].sort(byVolume).reverse().find((b) => misfit(reel, b) === null)!;
}

function fillAll(pools: Array<ReturnType<typeof buildStacks>>, box: Box, until: () => boolean): Loaded[] {
  const share = shareIn(box);
  const out: Loaded[] = [];
  while (!until()) out.push(fillOne(pools, box, share));
  return out;
}

function planWithMain(reels: readonly Reel[], main: Box, boxes: readonly Box[]): Loaded[] {
  const own = reels.filter((r) => misfit(r, main) === null);
  const hosts = new Map<Box, Reel[]>();
  for (const r of reels.filter((x) => misfit(x, main) !== null)) {
    const host = hostOf(r, boxes);
    const group = hosts.get(host);
    if (group) group.push(r);
    else hosts.set(host, [r]);
  }
  const general = buildStacks(own, main.height, main.payload);
  const loaded: Loaded[] = [];
  for (const [host, rs] of hosts) {
    const first = buildStacks(rs, host.height, host.payload);
    const fits = general.filter((s) => stackFits(s, host));
    loaded.push(...fillAll([first, fits], host, () => first.length === 0));
    const left = new Set(fits);
    general.splice(0, general.length, ...general.filter((s) => !stackFits(s, host) || left.has(s)));
  }
  loaded.push(...fillAll([general], main, () => general.length === 0));
  return loaded;
}

/** The same reels in the smallest allowed type that holds them, restacked for its height. */
function downsize(load: Loaded, boxes: readonly Box[]): Loaded {
  const reels = load.stacks.flatMap((s) => s.reels);
  const weight = reels.reduce((w, r) => w + r.weight, 0);
  for (const box of [...boxes].sort(byVolume)) {
    if (box.volume >= load.box.volume) break;
    if (weight > box.payload || reels.some((r) => misfit(r, box) !== null)) continue;
    const stacks = buildStacks(reels, box.height);
    const points = layoutFloor(stacks.map((s) => s.diameter), box);
    if (points) return { box, stacks, points };
  }
  return load;
}

/** The types worth a plan of their own, the largest first, so that small ones can be skipped. */
function mainTypes(reels: readonly Reel[], boxes: readonly Box[]): Box[] {
  return boxes.filter((main) => reels.some((r) => misfit(r, main) === null)).sort(byVolume).reverse();
}

/** The fewest boxes of one type its reels could take: no plan with it as main type does better. */
function aloneNeeds(reels: readonly Reel[], main: Box): number {
  const own = reels.filter((r) => misfit(r, main) === null);
  return boundOf(lowerBounds([own], [main])) + (own.length < reels.length ? 1 : 0);
}

const volumeOf = (plan: readonly Loaded[]): number => plan.reduce((v, l) => v + l.box.volume, 0);

const better = (p: readonly Loaded[], q: readonly Loaded[]): boolean =>
  p.length < q.length || (p.length === q.length && volumeOf(p) < volumeOf(q));

/** The boxes for reels that may share boxes; every reel given fits at least one allowed box. */
export function assemble(reels: readonly Reel[], boxes: readonly Box[]): Loaded[] {
  if (reels.length === 0) return [];
  const target = boundOf(lowerBounds([reels], boxes));
  const candidates: Loaded[][] = [];
  for (const main of mainTypes(reels, boxes)) {
    if (candidates.length > 0 && aloneNeeds(reels, main) > Math.min(...candidates.map((c) => c.length))) continue;
    candidates.push(repack(planWithMain(reels, main, boxes), target));
  }
  candidates.sort((p, q) => (better(p, q) ? -1 : better(q, p) ? 1 : 0));
  let best = candidates[0]!;
  for (const candidate of candidates.slice(0, 2)) {
    if (best.length <= target) break;
    best = balance(candidate, target, boxes) ?? best;
  }
  return best.map((l) => downsize(l, boxes));
}
