import { DomainError } from '../shared/domain-error';
import { DEFAULT_POLICY, PolicyBook, resolvePolicy } from './policy';

describe(resolvePolicy.name, () => {
  it('keeps the defaults of RULES.md and overlays what is given', () => {
    const policy = resolvePolicy({ feedback: { unit: 'calendarDays' } });
    expect(policy.feedback).toEqual({ count: 3, unit: 'calendarDays' });
    expect(policy.communityLimit).toEqual({ count: 5, unit: 'workingDays' });
    expect(policy.points.feedbackMissed).toBe(-3);
  });

  it.each([
    [{ feedback: { count: 0 } }, 'policy.feedback.count'],
    [{ streetLimit: { unit: 'weeks' } }, 'policy.streetLimit.unit'],
    [{ points: { feedbackMissed: 3 } }, 'policy.points.feedbackMissed'],
    [{ bonus: 1 }, 'policy'],
  ])('refuses %j, naming %s', (overrides, field) => {
    expect.assertions(2);
    try {
      resolvePolicy(overrides);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field?.startsWith(field)).toBe(true);
    }
  });
});

describe(PolicyBook.name, () => {
  const shortFeedback = resolvePolicy({ feedback: { count: 2 } });

  it('applies a version from its instant on and never before', () => {
    const book = PolicyBook.of(DEFAULT_POLICY).adopt(shortFeedback, 2_000, 1_000);
    expect(book.at(1_999).feedback.count).toBe(3);
    expect(book.at(2_000).feedback.count).toBe(2);
    expect(book.list().map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses a version that would take effect in the past or before the newest one', () => {
    const book = PolicyBook.of(DEFAULT_POLICY).adopt(shortFeedback, 2_000, 1_000);
    expect(() => book.adopt(DEFAULT_POLICY, 500, 1_000)).toThrow(expect.objectContaining({ code: 'POLICY.RETROACTIVE' }));
    expect(() => book.adopt(DEFAULT_POLICY, 1_500, 1_000)).toThrow(expect.objectContaining({ code: 'POLICY.OUT_OF_ORDER' }));
  });
});
