/** A rate with the counts it comes from: never a rate without its denominator (rate null when `whole` is 0). */
export interface Ratio {
  part: number;
  whole: number;
  rate: number | null;
}

export const ratioOf = (part: number, whole: number): Ratio => ({ part, whole, rate: whole === 0 ? null : part / whole });
