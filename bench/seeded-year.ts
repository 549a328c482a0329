/** The organisation the benchmarks' generated years run in: 40 district departments, 12 streets, 120 stations. */
export const GENERATED_ORGANISATION = {
  streets: Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, name: `街道${i}` })),
  stations: Array.from({ length: 120 }, (_, i) => ({ id: `w${i}`, name: `工作站${i}`, street: `s${i % 12}` })),
  departments: Array.from({ length: 40 }, (_, i) => ({ id: `d${String(i).padStart(2, '0')}`, name: `区直单位${i}` })),
};
