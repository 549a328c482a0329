/**
 * What the generated years of the benchmarks share: a seeded generator (mulberry32, small and fast), so a size and a
 * seed always give the same year, and the organisation they run in (40 district departments, 12 streets, 120 stations).
 */
export function seededRandom(seed: number): { random: () => number; pick: <T>(list: readonly T[]) => T } {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { random, pick: (list) => list[Math.floor(random() * list.length)] };
}

export const GENERATED_ORGANISATION = {
  streets: Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, name: `街道${i}` })),
  stations: Array.from({ length: 120 }, (_, i) => ({ id: `w${i}`, name: `工作站${i}`, street: `s${i % 12}` })),
  departments: Array.from({ length: 40 }, (_, i) => ({ id: `d${String(i).padStart(2, '0')}`, name: `区直单位${i}` })),
};
