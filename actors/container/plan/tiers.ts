import type { Reel } from './reels.js';

/** Reels standing one on another at one floor position: same diameter, heaviest at the bottom. */
export interface Stack {
  readonly diameter: number;
  readonly reels: readonly Reel[];
  readonly height: number;
  readonly weight: number;
}

const sum = (reels: readonly Reel[], f: (r: Reel) => number): number => reels.reduce((s, r) => s + f(r), 0);

export function stackOf(reels: readonly Reel[]): Stack {
  const bottomUp = [...reels].sort((a, b) => b.weight - a.weight || b.width - a.width);
  return { diameter: reels[0]!.diameter, reels: bottomUp, height: sum(reels, (r) => r.width), weight: sum(reels, (r) => r.weight) };
}

/** Reels of one diameter, widest first, each onto the first stack it fits under the roof (and the payload). */
function stackOneDiameter(reels: readonly Reel[], height: number, payload: number): Stack[] {
  const open: { reels: Reel[]; height: number; weight: number }[] = [];
  for (const reel of [...reels].sort((a, b) => b.width - a.width || b.weight - a.weight)) {
    const stack = open.find((s) => s.height + reel.width <= height && s.weight + reel.weight <= payload);
    if (stack) {
      stack.reels.push(reel);
      stack.height += reel.width;
      stack.weight += reel.weight;
    } else {
      open.push({ reels: [reel], height: reel.width, weight: reel.weight });
    }
  }
  return open.map((s) => stackOf(s.reels));
}

/**
 * As many tiers as the inside height allows, by first-fit decreasing on widths: each reel
 * goes onto the widest-based stack it still fits on. FFD is optimal where every reel is
 * wider than a third of the height (no three fit), which holds for most reels.
 */
export function buildStacks(reels: readonly Reel[], height: number, payload = Infinity): Stack[] {
  const byDiameter = new Map<number, Reel[]>();
  for (const reel of reels) {
    const group = byDiameter.get(reel.diameter);
    if (group) group.push(reel);
    else byDiameter.set(reel.diameter, [reel]);
  }
  return [...byDiameter.values()].flatMap((group) => stackOneDiameter(group, height, payload));
}
