import fc from 'fast-check';
import { DeadlineOutcome } from '../issue/issue.events';
import { advanceStreak, emptyStreak, FeedbackStreak, recordDeadline, recountStreak, replayStreak, StreakDeadline } from './feedback-streak';

const DAY = 86_400_000;
const deadline = (issueId: string, dueDay: number, outcome: DeadlineOutcome, setDay = 0, setOrder = 0): StreakDeadline => ({
  deadlineId: `${issueId}#1`,
  issueId,
  setAt: setDay * DAY,
  setOrder,
  sequence: 1,
  due: dueDay * DAY,
  outcome,
  provisional: false,
});

/** Records each deadline when its outcome is known (at `knownDay`), advancing the streak to that instant. */
function interviewsOf(steps: { knownDay: number; deadline: StreakDeadline }[], threshold = 2) {
  let streak: FeedbackStreak = emptyStreak('sw');
  const found = [];
  for (const { knownDay, deadline: d } of steps) {
    streak = recordDeadline(streak, d);
    const step = advanceStreak(streak, threshold, knownDay * DAY);
    streak = step.streak;
    found.push(...step.interviews);
  }
  return found;
}
/** Misses become known at their due instant. */
const missed = (issueId: string, dueDay: number, setDay = 0) => ({
  knownDay: dueDay,
  deadline: deadline(issueId, dueDay, 'missed', setDay),
});
const settled = (issueId: string, dueDay: number, outcome: DeadlineOutcome, knownDay: number) => ({
  knownDay,
  deadline: deadline(issueId, dueDay, outcome),
});

describe('feedback streak (RULES.md §5)', () => {
  it('two consecutive misses call the head in, dated at the second miss, and the count starts again', () => {
    const interviews = interviewsOf([missed('I1', 1), missed('I2', 2), missed('I3', 3)]);
    expect(interviews).toEqual([{ departmentId: 'sw', at: 2 * DAY, deadlineIds: ['I1#1', 'I2#1'] }]);
  });

  it('a met deadline between two misses breaks the run', () => {
    expect(interviewsOf([missed('I1', 1), settled('I2', 2, 'met', 1.5), missed('I3', 3)])).toEqual([]);
  });

  it('a cancelled deadline neither breaks nor extends the run', () => {
    expect(interviewsOf([missed('I1', 1), settled('I2', 2, 'cancelled', 1.5), missed('I3', 3)])).toHaveLength(1);
    expect(interviewsOf([missed('I1', 1), settled('I2', 2, 'cancelled', 1.5)])).toEqual([]);
  });

  it('orders by due instant, not by when the outcome became known', () => {
    // I2 (due day 5) is met on day 1; I1 (due day 3) is set after that and missed: in due order the met one comes after.
    const interviews = interviewsOf([settled('I2', 5, 'met', 1), missed('I0', 2), missed('I1', 3)]);
    expect(interviews).toEqual([{ departmentId: 'sw', at: 3 * DAY, deadlineIds: ['I0#1', 'I1#1'] }]);
  });

  it('waits for an earlier deadline that is still pending before counting a later miss', () => {
    let streak = recordDeadline(emptyStreak('sw'), deadline('I1', 1, 'pending'));
    streak = recordDeadline(streak, deadline('I2', 2, 'missed'));
    const first = advanceStreak(streak, 2, 2 * DAY);
    expect(first.interviews).toEqual([]);
    expect(first.streak.waiting.map((d) => d.issueId)).toEqual(['I1', 'I2']);
    const second = advanceStreak(recordDeadline(first.streak, deadline('I1', 1, 'missed')), 2, 2 * DAY);
    expect(second.interviews).toHaveLength(1);
  });

  it('gives the same interviews whatever order the outcomes of different issues arrive in, once their due instants pass', () => {
    const outcome = fc.constantFrom<DeadlineOutcome>('met', 'missed', 'cancelled');
    const rows = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 12 }), outcome, fc.integer({ min: 0, max: 1000 })), {
      minLength: 1,
      maxLength: 12,
      selector: ([, , id]) => id,
    });
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 1_000_000 }), (list, seed) => {
        const deadlines = list.map(([due, result, id]) => deadline(`I${id}`, due, result));
        const inDueOrder = [...deadlines].sort((a, b) => a.due - b.due || a.issueId.localeCompare(b.issueId));
        const scrambled = [...deadlines].sort((a, b) => ((a.due * 7919 + seed) % 13) - ((b.due * 7919 + seed) % 13));
        const lastDay = Math.max(...deadlines.map((d) => d.due / DAY));
        const atEnd = (order: StreakDeadline[]) => {
          const streak = order.reduce(recordDeadline, emptyStreak('sw'));
          return advanceStreak(streak, 2, lastDay * DAY).interviews;
        };
        const stepwise = interviewsOf(inDueOrder.map((d) => ({ knownDay: d.due / DAY, deadline: d })));
        return JSON.stringify(atEnd(scrambled)) === JSON.stringify(stepwise);
      }),
    );
  });

  it('keeps the time it has reached: an outcome recorded late, at an earlier instant, still lets a later miss count', () => {
    // I2's miss (due day 6) is recorded at day 6 while I1 (due day 5) is still pending; I1's cancellation arrives
    // afterwards, stamped with its own earlier instant (day 4). The run I0 → I2 must still call the head in.
    let streak = advanceStreak(recordDeadline(emptyStreak('sw'), deadline('I0', 3, 'missed')), 2, 3 * DAY).streak;
    streak = recordDeadline(streak, deadline('I1', 5, 'pending'));
    streak = advanceStreak(recordDeadline(streak, deadline('I2', 6, 'missed')), 2, 6 * DAY).streak;
    const late = advanceStreak(recordDeadline(streak, deadline('I1', 5, 'cancelled')), 2, 4 * DAY);
    expect(late.interviews).toEqual([{ departmentId: 'sw', at: 6 * DAY, deadlineIds: ['I0#1', 'I2#1'] }]);
  });

  it('two misses of one department at the same instant on two issues give exactly one interview', () => {
    let streak = recordDeadline(emptyStreak('sw'), deadline('I2', 4, 'missed', 1));
    streak = recordDeadline(streak, deadline('I1', 4, 'missed', 0));
    expect(advanceStreak(streak, 2, 4 * DAY).interviews).toEqual([{ departmentId: 'sw', at: 4 * DAY, deadlineIds: ['I1#1', 'I2#1'] }]);
  });

  describe('deadlines due at the same instant (RULES.md §5, v2)', () => {
    // A miss on day 2, then two deadlines due at midnight of day 4: whichever comes first decides the interview.
    const interviewsAt4 = (first: StreakDeadline, second: StreakDeadline) => {
      const streak = [deadline('I0', 2, 'missed'), second, first].reduce(recordDeadline, emptyStreak('sw'));
      return advanceStreak(streak, 2, 4 * DAY).interviews.map((i) => i.deadlineIds);
    };

    it('are ordered by the instant each was set first', () => {
      // IB was set on day 0.5, IA on day 1: IB (met) comes first and breaks the run, so IA's miss starts a new one.
      expect(interviewsAt4(deadline('IB', 4, 'met', 0.5), deadline('IA', 4, 'missed', 1))).toEqual([]);
      expect(interviewsAt4(deadline('IB', 4, 'missed', 0.5), deadline('IA', 4, 'met', 1))).toEqual([['I0#1', 'IB#1']]);
    });

    it('then by the order of the acts that set them, then by issue id', () => {
      expect(interviewsAt4(deadline('IZ', 4, 'missed', 1, 7), deadline('IA', 4, 'met', 1, 8))).toEqual([['I0#1', 'IZ#1']]);
      expect(interviewsAt4(deadline('IA', 4, 'missed', 1, 7), deadline('IB', 4, 'met', 1, 7))).toEqual([['I0#1', 'IA#1']]);
    });
  });

  it('holds the run at a provisional deadline until publication fixes its due instant', () => {
    const provisional = { ...deadline('I2', 3, 'met'), provisional: true };
    let streak = [deadline('I1', 2, 'missed'), provisional, deadline('I3', 4, 'missed')].reduce(recordDeadline, emptyStreak('sw'));
    const held = advanceStreak(streak, 2, 5 * DAY);
    expect(held.interviews).toEqual([]);
    expect(held.streak.waiting.map((d) => d.issueId)).toEqual(['I2', 'I3']);
    // Published: I2 is due on day 6 now, after I3, so I1 and I3 are consecutive misses.
    streak = recordDeadline(held.streak, { ...provisional, due: 6 * DAY, provisional: false });
    expect(advanceStreak(streak, 2, 6 * DAY).interviews.map((i) => i.deadlineIds)).toEqual([['I1#1', 'I3#1']]);
  });

  describe('replayStreak (the year-end recomputation)', () => {
    const outcome = fc.constantFrom<DeadlineOutcome>('met', 'missed', 'cancelled', 'pending');
    const histories = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 12 }), outcome, fc.integer({ min: 0, max: 1000 })), {
      minLength: 1,
      maxLength: 14,
      selector: ([, , id]) => id,
    });

    it('agrees with the live streak fed each outcome at its due instant, in any order of the input', () => {
      fc.assert(
        fc.property(histories, fc.integer({ min: 0, max: 1_000_000 }), (list, seed) => {
          const deadlines = list.map(([due, result, id]) => deadline(`I${id}`, due, result));
          const scrambled = [...deadlines].sort((a, b) => ((a.due * 7919 + seed) % 13) - ((b.due * 7919 + seed) % 13));
          const inDueOrder = [...deadlines].sort((a, b) => a.due - b.due || a.issueId.localeCompare(b.issueId));
          const live = interviewsOf(
            inDueOrder.map((d) => ({ knownDay: d.due / DAY, deadline: d })),
            3,
          );
          return JSON.stringify(replayStreak('sw', scrambled, () => 3)) === JSON.stringify(live);
        }),
      );
    });

    it('is the answer a live streak must not miss: a met deadline of a slow issue still breaks the run', () => {
      // Delivered late to a streak fed per issue, I2's met deadline came after I3's miss and an interview was ordered.
      const history = [deadline('I1', 3, 'missed'), deadline('I3', 5, 'missed'), deadline('I2', 4, 'met')];
      expect(replayStreak('sw', history, () => 2)).toEqual([]);
      expect(replayStreak('sw', [...history, deadline('I4', 6, 'missed')], () => 2)).toEqual([
        { departmentId: 'sw', at: 6 * DAY, deadlineIds: ['I3#1', 'I4#1'] },
      ]);
    });

    it('uses the threshold in force at each due instant', () => {
      const history = [deadline('I1', 1, 'missed'), deadline('I2', 2, 'missed'), deadline('I3', 3, 'missed')];
      expect(replayStreak('sw', history, (due) => (due < 2.5 * DAY ? 3 : 2))).toEqual([
        { departmentId: 'sw', at: 3 * DAY, deadlineIds: ['I1#1', 'I2#1', 'I3#1'] },
      ]);
    });
  });
});

describe('an overturned appeal counts its deadline as met (申诉)', () => {
  const history = [deadline('I1', 1, 'missed'), deadline('I2', 2, 'missed'), deadline('I3', 3, 'missed')];
  const first = { departmentId: 'sw', at: 2 * DAY, deadlineIds: ['I1#1', 'I2#1'] };

  it('replays the history with the overturned deadline as met', () => {
    expect(replayStreak('sw', history, () => 2)).toEqual([first]);
    expect(replayStreak('sw', history, () => 2, new Set(['I1#1']))).toEqual([
      { departmentId: 'sw', at: 3 * DAY, deadlineIds: ['I2#1', 'I3#1'] },
    ]);
    expect(replayStreak('sw', history, () => 2, new Set(['I2#1']))).toEqual([]);
  });

  it('withdraws the interview no longer called for and orders the one newly called for, both at the decision', () => {
    const recount = recountStreak('sw', history, [first], { threshold: 2, now: 10 * DAY, overturned: new Set(['I1#1']) });
    expect(recount.withdrawn).toEqual([first]);
    expect(recount.ordered).toEqual([{ departmentId: 'sw', at: 10 * DAY, deadlineIds: ['I2#1', 'I3#1'] }]);
    expect(recount.streak.run).toEqual([]);
  });

  it('keeps what is still called for, and counts only as far as the decision', () => {
    // Overturning I3 leaves I1, I2 in force; I4, missed but due after the decision, is not taken yet.
    const later = [...history, deadline('I4', 12, 'missed')];
    const recount = recountStreak('sw', later, [first], { threshold: 2, now: 10 * DAY, overturned: new Set(['I3#1']) });
    expect(recount).toMatchObject({ withdrawn: [], ordered: [] });
    expect(recount.streak.run).toEqual([]);
    expect(recount.streak.waiting.map((d) => d.deadlineId)).toEqual(['I4#1']);
    expect(advanceStreak(recordDeadline(recount.streak, deadline('I5', 13, 'missed')), 2, 13 * DAY).interviews).toEqual([
      { departmentId: 'sw', at: 13 * DAY, deadlineIds: ['I4#1', 'I5#1'] },
    ]);
  });

  it('leaves the run where the recount ends: a later miss may complete it', () => {
    // I1, I2 missed (interview). Overturning I2 breaks the run after I1; overturning I1 leaves I2 in it, and one more
    // miss makes two.
    const mixed = [deadline('I1', 1, 'missed'), deadline('I2', 2, 'missed')];
    const recount = recountStreak('sw', mixed, [first], { threshold: 2, now: 5 * DAY, overturned: new Set(['I2#1']) });
    expect(recount.withdrawn).toEqual([first]);
    expect(recount.streak.run).toEqual([]);
    const overturnedFirst = recountStreak('sw', mixed, [first], { threshold: 2, now: 5 * DAY, overturned: new Set(['I1#1']) });
    expect(overturnedFirst.streak.run).toEqual(['I2#1']);
    expect(advanceStreak(recordDeadline(overturnedFirst.streak, deadline('I3', 6, 'missed')), 2, 6 * DAY).interviews).toEqual([
      { departmentId: 'sw', at: 6 * DAY, deadlineIds: ['I2#1', 'I3#1'] },
    ]);
  });
});
