import { describe, expect, it } from 'vitest';
import { parseNumber, detectLocale, type NumKind } from '../../actors/ingestion/extract/numbers.js';
import { findMeasures } from '../../actors/ingestion/extract/measures.js';

const none = { commaDecimal: null };

describe('parseNumber by what the number measures', () => {
  const cases: Array<[string, NumKind, number]> = [
    ['1.250', 'int', 1250], ['1,250', 'int', 1250], ["1'000", 'int', 1000], ['2 500', 'int', 2500], ['2\u00a0500', 'int', 2500],
    ['24,5', 'tonnes', 24.5], ['16.4', 'tonnes', 16.4], ['18.400', 'kg', 18400], ['10,400', 'kg', 10400],
    ['13.310', 'kg', 13310], ['24.000', 'tonnes', 24], ['410,-', 'money', 410], ['520.–', 'money', 520],
    ['890,–', 'money', 890], ['1,180', 'money', 1180], ['0.98', 'money-small', 0.98], ['0,980', 'money-small', 0.98],
    ['2.500.000', 'money', 2_500_000], ['1.250,5', 'int', 1250.5], ['1,250.5', 'int', 1250.5],
  ];
  it.each(cases)('%s as %s is %d', (raw, kind, want) => expect(parseNumber(raw, kind, none)).toBe(want));

  it('settles "1.250 t" by the writer\'s decimal mark', () => {
    expect(parseNumber('1.250', 'tonnes', { commaDecimal: false })).toBe(1.25);
    expect(parseNumber('1.250', 'tonnes', { commaDecimal: true })).toBe(1250);
  });

  it('detects the decimal mark from unambiguous numbers', () => {
    expect(detectLocale('22,5 TONS and 46,8 t').commaDecimal).toBe(true);
    expect(detectLocale('16.4t and 18.5 t').commaDecimal).toBe(false);
  });
});

describe('findMeasures: units and what a length is', () => {
  const m = (s: string) => findMeasures(s, none);
  it.each([
    ['125 g/m²', 'gsms', [125]], ['175gsm', 'gsms', [175]], ['100 gr', 'gsms', [100]], ['120 g/qm', 'gsms', [120]],
    ['120 and 140 g/m²', 'gsms', [120, 140]], ['1.250 / 1.600 / 2.500 mm', 'widths', [1250, 1600, 2500]],
    ['1 400 et 2 800 mm', 'widths', [1400, 2800]], ['125 cm', 'widths', [1250]], ['B 1250', 'widths', [1250]],
    ['24,5 to', 'quantities', [24.5]], ['24 MT', 'quantities', [24]], ['22,5 tons', 'quantities', [22.5]],
    ['24.000 kg', 'quantities', [24]], ['20-24 t', 'quantities', [24]], ['23 Rollen', 'reels', [23]], ['(7 reels)', 'reels', [7]],
    ['70 x 100 cm', 'sheets', [[700, 1000]]], ['fogli 70x100', 'sheets', [[700, 1000]]], ['700 x 1000 mm', 'sheets', [[700, 1000]]],
  ] as const)('%s → %s %j', (text, key, want) => expect(m(text)[key]).toEqual(want));

  it('reads diameters and cores, in mm, cm or inches', () => {
    expect(m('Ø 1.250 mm').diameter).toBe(1250);
    expect(m('dia 120 cm').diameter).toBe(1200);
    expect(m('1,270mm diameter').diameter).toBe(1270);
    expect(m('core 3"').core).toBe(76);
    expect(m('6" cores').core).toBe(150);
    expect(m('Hülse 100 mm').core).toBe(100);
    expect(m('core: 10 cm').core).toBe(100);
    expect(m('mandrin 76 mm').core).toBe(76);
  });

  it('does not take trims, minimums, per-container weights or thicknesses for offers', () => {
    expect(m('trim 5,200 mm, min. width 800 mm').widths).toEqual([]);
    expect(m('approx. 24-25 tons/container').quantities).toEqual([]);
    expect(m('Minimum 8 t per gsm/width').quantities).toEqual([]);
    expect(m('180.000 t/Jahr').quantities).toEqual([]);
    expect(m('Graukarton 2.0 mm').thickness).toBe(true);
    expect(m('90–150 g/m²').gsmRange).toBe(true);
    expect(m('24,5 to     23 Rollen')).toMatchObject({ quantities: [24.5], reels: [23] });
  });
});
