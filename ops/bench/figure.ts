/** One benchmark figure; `npm run -s bench -- --json` prints one of these per line. */
export interface BenchFigure {
  bench: string;
  value: number;
  unit: string;
}
