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

  it('counts an unpublished year with its statutory rest days and marks the period provisional; a loaded year makes it exact', () => {
    // Thu Dec 31 (1), Fri 2027-01-01 元旦 (statutory), the weekend, Mon Jan 4 (2), Tue Jan 5 (3).
    expect(dueOf('2026-12-30T10:00:00+08:00')).toEqual({ due: '2027-01-06T00:00:00+08:00', lastDay: '2027-01-05', provisional: true });
    const with2027 = calendar.withYear({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-09'] });
    expect(dueOf('2027-01-07T10:00:00+08:00', threeWorkingDays, with2027)).toEqual({
      due: '2027-01-12T00:00:00+08:00',
      lastDay: '2027-01-11',
      provisional: false,
    });
  });

  it('refuses a period that counts a day before 2004 or after 2100', () => {
    expect(() => dueOf('2003-12-30T10:00:00+08:00')).toThrow(/outside the working-day calendar/);
    expect(() => dueOf('2100-12-30T10:00:00+08:00')).toThrow(/outside the working-day calendar/);
  });

  describe('calendar days (policy unit calendarDays; attachment 5: "3天")', () => {
    const threeDays = { count: 3, unit: 'calendarDays' as const };

    it('counts plain days when the third one is a working day', () => {
      // Mon Mar 2 → Tue 3, Wed 4, Thu 5 → due Fri Mar 6 00:00.
      expect(dueOf('2026-03-02T10:00:00+08:00', threeDays)).toEqual({
        due: '2026-03-06T00:00:00+08:00',
        lastDay: '2026-03-05',
        provisional: false,
      });
    });

    it('a period ending on a rest day runs to the end of the next working day (Civil Code art. 203)', () => {
      // Tue Sep 29 → Sep 30, Oct 1, Oct 2 (National Day holiday) → next working day Thu Oct 8 → due Oct 9 00:00.
      expect(dueOf('2026-09-29T16:00:00+08:00', threeDays).due).toBe('2026-10-09T00:00:00+08:00');
      // Wed Mar 4 → Mar 5, 6, Sat Mar 7 → Mon Mar 9 → due Mar 10 00:00.
      expect(dueOf('2026-03-04T10:00:00+08:00', threeDays).due).toBe('2026-03-10T00:00:00+08:00');
      // Wed Feb 11 → Feb 12, 13, Sat Feb 14 (an adjusted working day) → due Feb 15 00:00.
      expect(dueOf('2026-02-11T10:00:00+08:00', threeDays).due).toBe('2026-02-15T00:00:00+08:00');
    });

    it('is provisional when the day it ends on lies in an unpublished year', () => {
      // Tue Dec 29 → Dec 30, 31, Fri 2027-01-01 (元旦, statutory) → Mon Jan 4 → due Jan 5 00:00, provisional.
      expect(dueOf('2026-12-29T10:00:00+08:00', threeDays)).toEqual({
        due: '2027-01-05T00:00:00+08:00',
        lastDay: '2027-01-04',
        provisional: true,
      });
      expect(dueOf('2026-12-27T10:00:00+08:00', threeDays).provisional).toBe(false);
    });
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
