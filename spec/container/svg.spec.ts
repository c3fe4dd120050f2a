import { describe, expect, it } from 'vitest';
import { planContainers } from '../../actors/container/plan/index.js';
import { SVG_LEGEND, SVG_MARGIN, SVG_SCALE, renderBoxSvg } from '../../actors/container/svg.js';

const plan = planContainers({
  reels: [
    { id: 'tl3', diameter_mm: 1250, width_mm: 2200, weight_kg: 1883, count: 6, offer_line_id: 'TL3 <125> & co' },
    { id: 'flu', diameter_mm: 1000, width_mm: 1100, weight_kg: 600, count: 8 },
  ],
  boxes: ['40ft'],
});
const svg = renderBoxSvg(plan, 0);
const count = (re: RegExp): number => (svg.match(re) ?? []).length;

describe('renderBoxSvg', () => {
  it('is one standalone svg element with balanced tags', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*>.*<\/svg>$/s);
    const opened = count(/<(g|text|title|svg)[\s>]/g);
    const closed = count(/<\/(g|text|title|svg)>/g);
    expect(opened).toBe(closed);
    expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  });

  it('draws the 40ft floor to scale in its viewBox', () => {
    const [w, h] = [12032 + 2 * SVG_MARGIN, 2352 + 2 * SVG_MARGIN + SVG_LEGEND];
    expect(svg).toContain(`viewBox="${-SVG_MARGIN} ${-SVG_MARGIN} ${w} ${h}"`);
    expect(svg).toContain(`width="${Math.round(w * SVG_SCALE * 10) / 10}" height="${Math.round(h * SVG_SCALE * 10) / 10}"`);
    expect(svg).toContain('<rect x="0" y="0" width="12032" height="2352"');
  });

  it('draws one circle per reel, a ring per upper tier', () => {
    expect(count(/<circle /g)).toBe(plan.boxes[0]!.reels.length);
    expect(count(/>×2</g)).toBe(4);
  });

  it('labels reels by offer line (escaped), else by id, with widths and weights', () => {
    expect(svg).toContain('TL3 &lt;125&gt; &amp; co');
    expect(svg).toContain('>flu<');
    expect(svg).toContain('>w 2200<');
    expect(svg).toContain('>w 1100+1100<');
    expect(svg).toContain('>1883 kg<');
    expect(svg).toContain('>1200 kg<');
  });

  it('takes labels given for offer lines', () => {
    expect(renderBoxSvg(plan, 0, { flu: 'Fluting 90' })).toContain('>Fluting 90<');
  });

  it('marks the door and writes the fills and the binding limit', () => {
    const box = plan.boxes[0]!;
    expect(svg).toContain('>door<');
    expect(svg).toContain(`payload ${(box.payload_fill * 100).toFixed(1)}% · floor ${(box.floor_fill * 100).toFixed(1)}% · binding: ${box.binding}`);
  });

  it('refuses a box the plan does not have', () => {
    expect(() => renderBoxSvg(plan, 5)).toThrow(expect.objectContaining({ code: 'B2B_NOT_FOUND' }));
  });
});
