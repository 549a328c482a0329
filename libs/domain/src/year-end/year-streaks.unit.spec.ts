import fc from 'fast-check';
import { replayStreak } from '../department/feedback-streak';
import { DeadlineOutcome } from '../issue/issue.events';
import { compareYearDeadlines, YearDeadline, YearStreaks } from './reconciliation';

const DAY = 86_400_000;
const deadline = (
  departmentId: string,
  issueId: string,
  dueDay: number,
  outcome: DeadlineOutcome,
  more: Partial<YearDeadline> = {},
): YearDeadline => ({
  departmentId,
  deadlineId: `${issueId}#1`,
  issueId,
  setAt: 0,
  setOrder: 0,
  sequence: 1,
  due: dueDay * DAY,
  outcome,
  provisional: false,
  lastYear: 2026,
  ...more,
});

/** YearStreaks fed `deadlines` in its order. */
function interviewsOf(deadlines: YearDeadline[], thresholdAt: (due: number) => number, overturned?: ReadonlySet<string>) {
  const sut = new YearStreaks(2026, thresholdAt, overturned);
  for (const d of [...deadlines].sort(compareYearDeadlines)) sut.take(d);
  return sut.interviews();
}

describe('the year-end streaks taken from a sorted read (RULES.md §5)', () => {
  it('calls an interview at the second consecutive miss, and a met deadline between them breaks the run', () => {
    const interviews = interviewsOf(
      [
        deadline('cg', 'I1', 1, 'missed'),
        deadline('cg', 'I2', 2, 'cancelled'),
        deadline('cg', 'I3', 3, 'missed'),
        deadline('sw', 'I4', 1, 'missed'),
        deadline('sw', 'I5', 2, 'met'),
        deadline('sw', 'I6', 3, 'missed'),
      ],
      () => 2,
    );
    expect(interviews).toEqual(
      new Map([
        ['cg', new Map([['I1#1,I3#1', ['I1#1', 'I3#1']]])],
        ['sw', new Map()],
      ]),
    );
  });

  it('counts nothing after a pending or provisional deadline, counts an overturned miss as met, and keeps only the year’s interviews', () => {
    const misses = [1, 2, 3, 4].map((day) => deadline('cg', `I${day}`, day, 'missed', { lastYear: day === 2 ? 2025 : 2026 }));
    expect(interviewsOf(misses, () => 2).get('cg')).toEqual(new Map([['I3#1,I4#1', ['I3#1', 'I4#1']]]));
    expect(interviewsOf([...misses, deadline('cg', 'I0', 0, 'pending')], () => 2).get('cg')).toEqual(new Map());
    expect(interviewsOf([...misses, deadline('cg', 'I0', 0, 'met', { provisional: true })], () => 2).get('cg')).toEqual(new Map());
    expect(interviewsOf(misses, () => 2, new Set(['I2#1'])).get('cg')).toEqual(new Map([['I3#1,I4#1', ['I3#1', 'I4#1']]]));
    expect(interviewsOf(misses, () => 2, new Set(['I3#1'])).get('cg')).toEqual(new Map());
  });

  it('refuses a deadline out of order, and a department that comes back after another', () => {
    const sut = new YearStreaks(2026, () => 2);
    sut.take(deadline('cg', 'I1', 2, 'missed'));
    expect(() => sut.take(deadline('cg', 'I2', 1, 'missed'))).toThrow(/I2#1 of cg comes out of order, after I1#1/);
    sut.take(deadline('sw', 'I3', 1, 'missed'));
    expect(() => sut.take(deadline('cg', 'I4', 5, 'missed'))).toThrow(/out of order/);
  });

  it('gives what replayStreak gives each department, for any deadlines, thresholds and overturns', () => {
    const outcome = fc.constantFrom<DeadlineOutcome>('met', 'missed', 'missed', 'cancelled', 'pending');
    const deadlines = fc.uniqueArray(
      fc.record({
        department: fc.constantFrom('cg', 'sw', 'jt'),
        id: fc.integer({ min: 0, max: 500 }),
        due: fc.integer({ min: 1, max: 20 }),
        setDay: fc.integer({ min: 0, max: 1 }),
        outcome,
        provisional: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        lastYear: fc.constantFrom(2025, 2026, 2026, 2026),
      }),
      { maxLength: 40, selector: (d) => d.id },
    );
    fc.assert(
      fc.property(
        deadlines,
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 7 }),
        (list, low, change, every) => {
          const all = list.map((d) =>
            deadline(d.department, `I${d.id}`, d.due, d.outcome, {
              setAt: d.setDay * DAY,
              provisional: d.provisional,
              lastYear: d.lastYear,
            }),
          );
          const thresholdAt = (due: number) => (due < change * DAY ? low : 2);
          const overturned = new Set(all.filter((d, i) => every > 0 && i % every === 0).map((d) => d.deadlineId));
          const lastYears = new Map(all.map((d) => [d.deadlineId, d.lastYear]));
          const expected = new Map(
            [...new Set(all.map((d) => d.departmentId))].map((id) => [
              id,
              new Map(
                replayStreak(
                  id,
                  all.filter((d) => d.departmentId === id),
                  thresholdAt,
                  overturned,
                )
                  .filter((i) => lastYears.get(i.deadlineIds[i.deadlineIds.length - 1]) === 2026)
                  .map((i) => [i.deadlineIds.join(','), i.deadlineIds]),
              ),
            ]),
          );
          expect(interviewsOf(all, thresholdAt, overturned)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
