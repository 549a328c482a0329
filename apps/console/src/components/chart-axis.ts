/**
 * The value axis of a bar chart of totals: ECharts' `scale` would start it at the smallest total, whose bar then has
 * no height, so it starts a step below (and at 0 at the lowest while every total is positive).
 */
export function barAxisMin({ min, max }: { min: number; max: number }): number {
  const below = Math.floor(min - Math.max(1, (max - min) / 5));
  return min >= 0 ? Math.max(0, below) : below;
}
