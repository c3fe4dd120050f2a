import { layoutFloor } from './box-layout.js';
import { type Loaded, fillOne, shareIn, stackFits } from './box-fill.js';
import type { Box } from './box-types.js';
import { type Reel, misfit } from './reels.js';
import { buildStacks } from './tiers.js';
import { lowerBounds } from './bounds.js';
import { repack } from './repack.js';

/**
 * Puts one loading group's reels into boxes. Each allowed type is tried as the main type;
 * reels it cannot take go first into boxes of the largest type that can, topped up from the
 * rest. Every box then moves to the smallest type that still holds its reels. Of the
 * candidates, the plan with fewer boxes wins, then the one with less inside volume (a
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
    hosts.set(host, [...(hosts.get(host) ?? []), r]);
  }
  const general = buildStacks(own, main.height);
  const loaded: Loaded[] = [];
  for (const [host, rs] of hosts) {
    const first = buildStacks(rs, host.height);
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

const volumeOf = (plan: readonly Loaded[]): number => plan.reduce((v, l) => v + l.box.volume, 0);

/** The boxes for reels that may share boxes; every reel given fits at least one allowed box. */
export function assemble(reels: readonly Reel[], boxes: readonly Box[]): Loaded[] {
  if (reels.length === 0) return [];
  const bounds = lowerBounds([reels], boxes);
  const target = Math.max(bounds.weight, bounds.floor);
  const plans = boxes
    .filter((main) => reels.some((r) => misfit(r, main) === null))
    .map((main) => repack(planWithMain(reels, main, boxes), target).map((l) => downsize(l, boxes)));
  return plans.reduce((best, p) =>
    p.length < best.length || (p.length === best.length && volumeOf(p) < volumeOf(best)) ? p : best);
}
