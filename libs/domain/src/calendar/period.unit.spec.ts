import fc from 'fast-check';
import { parseInstant } from '../time/instant';
import { addDays } from '../time/local-date';
import { SHANGHAI } from '../time/time-zone';
import { Period, periodDue } from './period';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = WorkingDayCalendar.official();
const threeWorkingDays = { count: 3, unit: 'workingDays' as const };
const dueOf = (at: string, period: Period = threeWorkingDays, cal = calendar) => {
  const due = periodDue(parseInstant(at), period, cal, SHANGHAI);
  return { ...due, due: SHANGHAI.format(due.due) };
};

describe(periodDue.name, () => {
  describe('the examples of RULES.md §3', () => {
    it('whistle Tue 2026-03-03 09:00 → due 2026-03-07T00:00+08:00', () => {
      expect(dueOf('2026-03-03T09:00:00+08:00')).toEqual({ due: '2026-03-07T00:00:00+08:00', lastDay: '2026-03-06', provisional: false });
    });

    it('whistle Tue 2026-09-29 16:00 → over National Day → due 2026-10-10T00:00+08:00', () => {
      expect(dueOf('2026-09-29T16:00:00+08:00').due).toBe('2026-10-10T00:00:00+08:00');
    });

    it('a period started at 2026-06-24T00:00 counts from Jun 25', () => {
      expect(dueOf('2026-06-24T00:00:00+08:00', { count: 1, unit: 'workingDays' }).due).toBe('2026-06-26T00:00:00+08:00');
    });
  });

  it('counts the makeup Saturday 2026-02-14 and skips the Spring Festival', () => {
    expect(dueOf('2026-02-12T10:00:00+08:00').due).toBe('2026-02-25T00:00:00+08:00');
  });

  it('counts the makeup Sunday 2026-09-20', () => {
    expect(dueOf('2026-09-18T10:00:00+08:00').due).toBe('2026-09-23T00:00:00+08:00');
  });

  it('skips Qingming (Apr 4–6) and May Day (May 1–5)', () => {
    expect(dueOf('2026-04-02T10:00:00+08:00').due).toBe('2026-04-09T00:00:00+08:00');
    expect(dueOf('2026-04-30T10:00:00+08:00').due).toBe('2026-05-09T00:00:00+08:00');
  });

  it('takes the local date in Asia/Shanghai: 2026-03-02T23:30Z is already Tuesday Mar 3 there', () => {
    expect(dueOf('2026-03-02T23:30:00Z').due).toBe('2026-03-07T00:00:00+08:00');
  });

  it('marks a period that reaches into an unpublished year as provisional, and a loaded year makes it exact', () => {
    const provisional = dueOf('2026-12-30T10:00:00+08:00');
    expect(provisional).toEqual({ due: '2027-01-05T00:00:00+08:00', lastDay: '2027-01-04', provisional: true });
    const with2027 = calendar.withYear({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] });
    expect(dueOf('2026-12-30T10:00:00+08:00', threeWorkingDays, with2027)).toEqual({
      due: '2027-01-06T00:00:00+08:00',
      lastDay: '2027-01-05',
      provisional: false,
    });
  });

  it('counts calendar days when policy says so (attachment 5: "3天")', () => {
    expect(dueOf('2026-09-29T16:00:00+08:00', { count: 3, unit: 'calendarDays' }).due).toBe('2026-10-03T00:00:00+08:00');
  });

  describe('properties over the published years', () => {
    const instant = fc.date({ min: new Date('2004-01-01T00:00:00Z'), max: new Date('2026-12-20T00:00:00Z') }).map((d) => d.getTime());
    const count = fc.integer({ min: 1, max: 10 });

    it('a period of N working days spans exactly N working days after its start date, ending on one', () => {
      fc.assert(
        fc.property(instant, count, (start, n) => {
          const { due, lastDay } = periodDue(start, { count: n, unit: 'workingDays' }, calendar, SHANGHAI);
          let working = 0;
          for (let day = addDays(SHANGHAI.localDate(start), 1); day <= lastDay; day = addDays(day, 1)) {
            if (calendar.day(day).working) working += 1;
          }
          return working === n && calendar.day(lastDay).working && due === SHANGHAI.endOfDay(lastDay);
        }),
      );
    });

    it('a later start never gives an earlier deadline', () => {
      fc.assert(
        fc.property(instant, fc.integer({ min: 0, max: 30 * 86_400_000 }), count, (start, later, n) => {
          const period = { count: n, unit: 'workingDays' as const };
          return periodDue(start + later, period, calendar, SHANGHAI).due >= periodDue(start, period, calendar, SHANGHAI).due;
        }),
      );
    });
  });
});
