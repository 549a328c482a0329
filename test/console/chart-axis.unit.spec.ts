import { barAxisMin } from '../../apps/console/src/components/chart-axis';

describe('barAxisMin: the value axis of the totals bar charts (排名, 规则推演, 通报)', () => {
  it('starts below the smallest total, so its bar keeps a height', () => {
    expect(barAxisMin({ min: 57, max: 61 })).toBe(56);
    expect(barAxisMin({ min: 54.5, max: 60.5 })).toBe(53);
    expect(barAxisMin({ min: 60, max: 60 })).toBe(59);
  });

  it('a wide spread of totals leaves a fifth of it below the smallest', () => {
    expect(barAxisMin({ min: 30, max: 80 })).toBe(20);
  });

  it('never below 0 while every total is positive; below the smallest when one is negative', () => {
    expect(barAxisMin({ min: 0.5, max: 61 })).toBe(0);
    expect(barAxisMin({ min: -4, max: 60 })).toBe(-17);
  });
});
