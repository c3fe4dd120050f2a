import type { Grade } from '../../domain/grades.js';

/** Where a reel's core is not stated: 3", the most common core for these grades. */
export const DEFAULT_CORE_MM = 76;

/** Containerboard, and any reel whose grade is not known (DOMAIN.md's figure). */
export const CONTAINERBOARD_DENSITY = 0.7;

/**
 * Density of a wound reel in t/m³ (sheet density less a little for winding). Containerboard
 * takes DOMAIN.md's 0.7. The others follow typical bulk figures: high-bulk folding boxboard
 * and sack kraft are lighter (1.5–1.7 cm³/g), chipboard, SBS and MG kraft heavier; newsprint
 * is bulky (45 g/m² at ~68 µm ≈ 0.65), woodfree uncoated ~0.8 and coated woodfree the densest
 * (1.1–1.2 in the sheet). Override any of them through `options.densities`.
 */
export const DEFAULT_DENSITIES: Readonly<Record<Grade, number>> = {
  kraftliner: 0.7,
  'white-top-kraftliner': 0.7,
  'testliner-1': 0.7,
  'testliner-2': 0.7,
  'testliner-3': 0.7,
  'testliner-4': 0.7,
  testliner: 0.7,
  'white-top-testliner': 0.7,
  fluting: 0.7,
  'semichemical-fluting': 0.7,
  gc1: 0.6,
  gc2: 0.65,
  gd2: 0.75,
  gt1: 0.75,
  gt2: 0.75,
  sbs: 0.8,
  'sack-kraft': 0.65,
  'mg-kraft': 0.75,
  newsprint: 0.65,
  wfu: 0.8,
  wfc: 1.1,
  greyboard: 0.8,
};

export function densityOf(grade: Grade | null, overrides: Partial<Record<Grade, number>> = {}): number {
  if (grade === null) return CONTAINERBOARD_DENSITY;
  return overrides[grade] ?? DEFAULT_DENSITIES[grade];
}

/** π/4 × (D² − core²) × width × density, in whole kg; sizes in mm, density in t/m³. */
export function reelWeightKg(diameter: number, width: number, core: number | null, density: number): number {
  const c = core ?? DEFAULT_CORE_MM;
  const mm3 = (Math.PI / 4) * (diameter * diameter - c * c) * width;
  return Math.round(mm3 * density * 1e-6);
}
