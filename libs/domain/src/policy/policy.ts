import { z } from 'zod';
import { DomainError } from '../shared/domain-error';
import { EpochMs } from '../time/instant';

/**
 * The values RULES.md marks as decisions, plus the points of attachment 5.
 * Each version takes effect from an instant and never rewrites what happened before it.
 */
const periodSchema = z
  .object({
    count: z.number().int().min(1).max(60),
    unit: z.enum(['workingDays', 'calendarDays']),
  })
  .strict();

export const policySchema = z
  .object({
    feedback: periodSchema,
    communityLimit: periodSchema,
    streetLimit: periodSchema,
    points: z
      .object({
        base: z.number().min(0).max(1000),
        singleClosed: z.number().min(0).max(100),
        jointClosed: z.number().min(0).max(100),
        transferLedClosed: z.number().min(0).max(100),
        feedbackMissed: z.number().max(0).min(-100),
      })
      .strict(),
    /**
     * RULES.md §4, the unit of a deduction: `deadline`, one per missed deadline; `issue`, at most one per department
     * and issue, booked at its first missed deadline there (later misses still count for interviews).
     */
    deductionPer: z.enum(['deadline', 'issue']),
    /**
     * RULES.md §4, a `single` issue that gained departments after the whistle: `coHandled`, every department on it
     * gets the co-handling points; `namedOnly`, the named department gets the single points and the others nothing.
     */
    singleWithAddedDepartments: z.enum(['coHandled', 'namedOnly']),
    /** Consecutive misses (deadlines in due order, none met between) that call a department head in. */
    consecutiveMissesForInterview: z.number().int().min(1).max(20),
    ranking: z
      .object({
        /** Ranks 1..N get the assessment bonuses. */
        bonusRanks: z.number().int().min(0).max(50),
        partyBuildingBonus: z.number().min(0).max(100),
        stationingBonus: z.number().min(0).max(100),
        /** RULES.md §5: when every department has the same total, false ranks no one last (no interview); true interviews all. */
        lastPlaceWhenAllTied: z.boolean(),
      })
      .strict(),
    /**
     * 申诉: how long a department may appeal a `feedback-missed` deduction, counted from the missed deadline's due
     * instant like any period (its local date does not count).
     */
    appealPeriod: periodSchema,
    /**
     * 督办提醒: a department that still owes feedback is reminded at this local time on the N-th working day before the
     * deadline's due instant (1: the last working day before it, i.e. the deadline's last day).
     */
    reminder: z
      .object({
        workingDaysBefore: z.number().int().min(1).max(10),
        hour: z.number().int().min(0).max(23),
        minute: z.number().int().min(0).max(59),
      })
      .strict(),
    /** Local wall-clock time on 1 January of the next year when the year-end reconciliation runs. */
    yearEnd: z
      .object({
        hour: z.number().int().min(0).max(23),
        minute: z.number().int().min(0).max(59),
      })
      .strict(),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: Policy = Object.freeze({
  feedback: { count: 3, unit: 'workingDays' },
  communityLimit: { count: 5, unit: 'workingDays' },
  streetLimit: { count: 5, unit: 'workingDays' },
  points: { base: 60, singleClosed: 1, jointClosed: 0.5, transferLedClosed: 1.5, feedbackMissed: -3 },
  deductionPer: 'deadline',
  singleWithAddedDepartments: 'coHandled',
  consecutiveMissesForInterview: 2,
  ranking: { bonusRanks: 3, partyBuildingBonus: 1, stationingBonus: 3, lastPlaceWhenAllTied: false },
  yearEnd: { hour: 0, minute: 30 },
  appealPeriod: { count: 5, unit: 'workingDays' },
  reminder: { workingDaysBefore: 1, hour: 9, minute: 0 },
}) as Policy;

export type PolicyOverrides = {
  [K in keyof Policy]?: Policy[K] extends object ? Partial<Policy[K]> : Policy[K];
};

/** Defaults overlaid with overrides, then validated; the error names the first problem's path (`feedback.count`). */
export function resolvePolicy(overrides: unknown, base: Policy = DEFAULT_POLICY): Policy {
  const { policy, problems } = checkPolicy(overrides, base);
  if (policy === undefined) {
    throw new DomainError('POLICY.INVALID', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems[0].field);
  }
  return policy;
}

/** Every problem of a policy given as overrides, each naming its path (`policy.feedback.count`) and the value. */
export function checkPolicy(
  overrides: unknown,
  base: Policy = DEFAULT_POLICY,
): { policy?: Policy; problems: { field: string; reason: string }[] } {
  if (overrides !== undefined && (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))) {
    return { problems: [{ field: 'policy', reason: `must be a mapping of policy values, not ${JSON.stringify(overrides)}` }] };
  }
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries((overrides ?? {}) as Record<string, unknown>)) {
    const current = (base as Record<string, unknown>)[key];
    merged[key] =
      current && typeof current === 'object' && value && typeof value === 'object' && !Array.isArray(value)
        ? { ...current, ...value }
        : value;
  }
  const parsed = policySchema.safeParse(merged);
  if (parsed.success) return { policy: parsed.data, problems: [] };
  const problems = parsed.error.issues.flatMap((issue) => {
    const path = ['policy', ...issue.path].join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: `${path}.${key}`, reason: 'is not a policy value' }));
    const given = issue.path.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | undefined)?.[key], merged);
    return [{ field: path, reason: `${issue.message} (given ${JSON.stringify(given) ?? 'nothing'})` }];
  });
  return { problems };
}

export interface PolicyVersion {
  version: number;
  effectiveFrom: EpochMs;
  policy: Policy;
}

/** The policy in force at each instant. Versions are only ever added after the last one. */
export class PolicyBook {
  private constructor(private readonly versions: readonly PolicyVersion[]) {}

  static of(policy: Policy): PolicyBook {
    return new PolicyBook([{ version: 1, effectiveFrom: Number.NEGATIVE_INFINITY, policy }]);
  }

  static fromVersions(versions: PolicyVersion[]): PolicyBook {
    if (versions.length === 0) throw new DomainError('POLICY.NO_VERSION', 'at least one policy version is needed');
    const sorted = [...versions].sort((a, b) => a.effectiveFrom - b.effectiveFrom);
    return new PolicyBook(sorted);
  }

  /** A new version; it may not take effect before the newest one, nor before `now`, so the past stays as it was. */
  adopt(policy: Policy, effectiveFrom: EpochMs, now: EpochMs): PolicyBook {
    const latest = this.versions[this.versions.length - 1];
    if (effectiveFrom < now) {
      throw new DomainError('POLICY.RETROACTIVE', 'a policy version cannot take effect in the past', 'effectiveFrom');
    }
    if (effectiveFrom <= latest.effectiveFrom) {
      throw new DomainError('POLICY.OUT_OF_ORDER', 'a policy version must take effect after the newest one', 'effectiveFrom');
    }
    return new PolicyBook([...this.versions, { version: latest.version + 1, effectiveFrom, policy }]);
  }

  at(instant: EpochMs): Policy {
    let found = this.versions[0];
    for (const version of this.versions) {
      if (version.effectiveFrom <= instant) found = version;
    }
    return found.policy;
  }

  list(): readonly PolicyVersion[] {
    return this.versions;
  }
}
