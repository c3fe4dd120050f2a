/** The factors of a match score, in the order a trader reads them. */
export const FACTORS = ['grade', 'gsm', 'width', 'diameter_core', 'quantity', 'price', 'freight', 'freshness'] as const;
export type Factor = (typeof FACTORS)[number];

/** What one factor found: its sub-score in [0, 1], whether it rules the match out, and why. */
export interface FactorResult {
  score: number;
  excludes: boolean;
  text: string;
}

export interface Reason extends FactorResult {
  factor: Factor;
  /** The factor's share of the total score; freshness only gates and weighs 0. */
  weight: number;
}

export function fits(score: number, text: string): FactorResult {
  return { score, excludes: false, text };
}

export function excluded(text: string): FactorResult {
  return { score: 0, excludes: true, text };
}
