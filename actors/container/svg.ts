import { AppError } from '../common/errors.js';
import { boxCatalogue } from './plan/box-types.js';
import type { BoxTypeSpec, PlacedReel, Plan, PlannedBox } from './plan/schema.js';

/**
 * A top view of one planned box, to scale: the floor from the front wall (left) to the door
 * (right, marked), every reel a circle (an upper tier a smaller ring inside the one it
 * stands on), each floor position labelled with its line, widths and weight, and the fills
 * and binding limit underneath. Drawn in mm (the viewBox) at a fixed px-per-mm scale.
 */

/** px per mm: a 40ft floor (12,032 mm) draws about 600 px long. */
export const SVG_SCALE = 0.05;
/** mm of margin around the floor, and of legend below it. */
export const SVG_MARGIN = 400;
export const SVG_LEGEND = 500;
/** mm between the ring of a tier and the one it stands on. */
const RING = 70;

const PALETTE = ['#d8b365', '#8fbfa8', '#a6bddb', '#e0a38f', '#c2a5cf', '#b8d68f', '#f2c46d', '#9fb3c8'];

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const fmt = (v: number): string => String(Math.round(v * 10) / 10);

function colourOf(key: string): string {
  let h = 0;
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

/** The reels of a box by floor position, bottom tier first. */
function stacksOf(box: PlannedBox): PlacedReel[][] {
  const byPlace = new Map<string, PlacedReel[]>();
  for (const r of box.reels) {
    const key = `${r.x_mm}|${r.y_mm}`;
    const stack = byPlace.get(key);
    if (stack) stack.push(r);
    else byPlace.set(key, [r]);
  }
  return [...byPlace.values()].map((s) => s.sort((a, b) => a.tier - b.tier));
}

function textLines(x: number, y: number, size: number, lines: readonly string[]): string {
  const top = y - ((lines.length - 1) * size * 1.15) / 2;
  return lines.map((line, i) =>
    `<text x="${fmt(x)}" y="${fmt(top + i * size * 1.15)}" font-size="${fmt(size)}" text-anchor="middle" dominant-baseline="middle">${escapeXml(line)}</text>`).join('');
}

function stackSvg(stack: readonly PlacedReel[], labels: Readonly<Record<string, string>>): string {
  const base = stack[0]!;
  const key = base.offer_line_id ?? base.id;
  const label = labels[key] ?? labels[base.id] ?? key;
  const rings = stack.map((r) =>
    `<circle cx="${fmt(r.x_mm)}" cy="${fmt(r.y_mm)}" r="${fmt(Math.max(r.diameter_mm / 2 - r.tier * RING, RING))}" ` +
    `fill="${colourOf(r.offer_line_id ?? r.id)}" stroke="#333" stroke-width="12"/>`).join('');
  const widths = stack.map((r) => r.width_mm).join('+');
  const weight = stack.reduce((w, r) => w + r.weight_kg, 0);
  const lines = [label, `w ${widths}`, `${fmt(weight)} kg`, ...(stack.length > 1 ? [`×${stack.length}`] : [])];
  return `<g>${rings}${textLines(base.x_mm, base.y_mm, Math.min(base.diameter_mm / 8, 150), lines)}</g>`;
}

function floorSvg(length: number, width: number): string {
  return `<rect x="0" y="0" width="${length}" height="${width}" fill="#f7f4ec" stroke="#333" stroke-width="20"/>` +
    `<line x1="${length}" y1="0" x2="${length}" y2="${width}" stroke="#c0392b" stroke-width="80"/>` +
    `<text x="${length + 150}" y="${width / 2}" font-size="160" text-anchor="middle" dominant-baseline="middle" ` +
    `transform="rotate(90 ${length + 150} ${width / 2})">door</text>` +
    `<text x="-150" y="${width / 2}" font-size="160" text-anchor="middle" dominant-baseline="middle" ` +
    `transform="rotate(-90 -150 ${width / 2})">front</text>`;
}

function legend(box: PlannedBox, width: number): string {
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  const lines = [
    `${box.type} · ${box.reels.length} reels · ${fmt(box.weight_kg)} kg`,
    `payload ${pct(box.payload_fill)} · floor ${pct(box.floor_fill)} · binding: ${box.binding}`,
  ];
  return lines.map((line, i) =>
    `<text x="0" y="${width + 150 + i * 190}" font-size="150" dominant-baseline="middle">${escapeXml(line)}</text>`).join('');
}

/** The SVG of box `boxIndex` of a plan; `labels` renames offer lines or reels; custom box types by name. */
export function renderBoxSvg(plan: Plan, boxIndex: number, labels: Readonly<Record<string, string>> = {}, boxTypes: readonly BoxTypeSpec[] = []): string {
  const box = plan.boxes[boxIndex];
  if (!box) throw new AppError('B2B_NOT_FOUND', `the plan has no box ${boxIndex} (it has ${plan.boxes.length})`);
  const spec = boxCatalogue(boxTypes).get(box.type);
  if (!spec) throw new AppError('B2B_PLAN_INPUT_INVALID', `unknown box type "${box.type}"`);
  const { length_mm: length, width_mm: width } = spec;
  const [w, h] = [length + 2 * SVG_MARGIN, width + 2 * SVG_MARGIN + SVG_LEGEND];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-SVG_MARGIN} ${-SVG_MARGIN} ${w} ${h}" ` +
    `width="${fmt(w * SVG_SCALE)}" height="${fmt(h * SVG_SCALE)}" font-family="sans-serif">` +
    `<title>${escapeXml(`Box ${boxIndex + 1}: ${box.type}`)}</title>` +
    floorSvg(length, width) +
    stacksOf(box).map((s) => stackSvg(s, labels)).join('') +
    legend(box, width) +
    '</svg>';
}
