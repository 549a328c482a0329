import { DomainError, DomainErrors } from '../shared/domain-error';
import { at } from '../testing/issue-fixtures';
import { checkReferenceCommand, decideReference, ReferenceCommand, referenceStreamOf } from './reference.decide';
import { ReferenceEvent } from './reference.events';

const NOW = at('2026-06-01T09:00:00+08:00');
const street: ReferenceEvent = { type: 'StreetRegistered', data: { id: 'htl', name: '花亭路街道', at: '2026-01-01T00:00:00.000Z' } };

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const errors = error instanceof DomainErrors ? error.errors : [error as DomainError];
    return errors.map((e) => ({ code: e.code, field: e.field }));
  }
  throw new Error('not refused');
};

describe('decideReference', () => {
  it('registers a station of a registered street, in the organisation stream', () => {
    const command = { type: 'RegisterStation', id: 'hbc', name: '工作站', streetId: 'htl' } as const;
    expect(referenceStreamOf(command)).toBe('organisation');
    expect(decideReference(command, [street], NOW)).toEqual({
      type: 'StationRegistered',
      data: { id: 'hbc', name: '工作站', streetId: 'htl', at: '2026-06-01T01:00:00.000Z' },
    });
  });

  it('refuses an id already registered and a station of an unknown street, naming the field', () => {
    expect(refusal(() => decideReference({ type: 'RegisterDistrictDepartment', id: 'htl', name: 'x' }, [street], NOW))).toEqual([
      { code: 'ORGANISATION.ID_TAKEN', field: 'id' },
    ]);
    expect(refusal(() => decideReference({ type: 'RegisterStation', id: 's', name: 'x', streetId: 'nope' }, [], NOW))).toEqual([
      { code: 'ORGANISATION.UNKNOWN_STREET', field: 'streetId' },
    ]);
  });

  it('adopts a policy version after the newest one, never in the past', () => {
    const command = { type: 'AdoptPolicyVersion', policy: { consecutiveMissesForInterview: 3 }, effectiveFrom: NOW + 1000 } as const;
    expect(referenceStreamOf(command)).toBe('policy');
    expect(decideReference(command, [], NOW)).toMatchObject({ type: 'PolicyVersionAdopted', data: { version: 2 } });
    expect(refusal(() => decideReference({ ...command, effectiveFrom: NOW - 1 }, [], NOW))).toEqual([
      { code: 'POLICY.RETROACTIVE', field: 'effectiveFrom' },
    ]);
    expect(refusal(() => checkReferenceCommand({ ...command, policy: { consecutiveMissesForInterview: 0 } }))).toEqual([
      { code: 'POLICY.INVALID', field: 'policy.consecutiveMissesForInterview' },
    ]);
  });

  it('loads a year schedule with its dates once each, in order', () => {
    const command: ReferenceCommand = {
      type: 'LoadYearSchedule',
      schedule: { year: 2027, holidays: ['2027-01-02', '2027-01-01', '2027-01-01'], workdays: [] },
    };
    expect(referenceStreamOf(command)).toBe('calendar');
    expect(decideReference(command, [], NOW)).toEqual({
      type: 'YearScheduleLoaded',
      data: { year: 2027, holidays: ['2027-01-01', '2027-01-02'], workdays: [], at: '2026-06-01T01:00:00.000Z' },
    });
  });

  it('refuses a schedule with every fault, each naming its field', () => {
    const schedule = { year: 2027, holidays: ['2027-01-01', '2026-12-31', 'soon'], workdays: ['2027-01-01', '2027-01-04'] };
    expect(refusal(() => checkReferenceCommand({ type: 'LoadYearSchedule', schedule }))).toEqual([
      { code: 'CALENDAR.INVALID_SCHEDULE', field: 'holidays.1' },
      { code: 'CALENDAR.INVALID_SCHEDULE', field: 'holidays.2' },
    ]);
    // 2027-01-01 is a holiday and a Friday, 2027-01-04 a Monday: neither is an adjusted working day.
    const clash = { ...schedule, holidays: ['2027-01-01'] };
    expect(refusal(() => checkReferenceCommand({ type: 'LoadYearSchedule', schedule: clash }))).toEqual(
      Array(3).fill({ code: 'CALENDAR.INVALID_SCHEDULE', field: 'workdays' }),
    );
    expect(refusal(() => checkReferenceCommand({ type: 'LoadYearSchedule', schedule: { ...schedule, year: 2100 } }))).toEqual([
      { code: 'CALENDAR.INVALID_SCHEDULE', field: 'year' },
    ]);
  });
});
