import { statutoryHolidays, statutoryRestDays } from './statutory-rest-days';
import { WorkingDayCalendar } from './working-day-calendar';

describe(WorkingDayCalendar.name, () => {
  const sut = WorkingDayCalendar.official();

  it('carries the 2026 State Council schedule of RULES.md §3', () => {
    const holidays = [
      '2026-01-01',
      '2026-01-03',
      '2026-02-15',
      '2026-02-23',
      '2026-04-04',
      '2026-04-06',
      '2026-05-01',
      '2026-05-05',
      '2026-06-19',
      '2026-06-21',
      '2026-09-25',
      '2026-09-27',
      '2026-10-01',
      '2026-10-07',
    ];
    const makeupDays = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
    holidays.forEach((d) => expect([d, sut.day(d)]).toEqual([d, { working: false, known: true }]));
    makeupDays.forEach((d) => expect([d, sut.day(d)]).toEqual([d, { working: true, known: true }]));
    expect(sut.day('2026-03-07')).toEqual({ working: false, known: true });
    expect(sut.day('2026-03-09')).toEqual({ working: true, known: true });
  });

  it('covers every year from 2004 to 2026 and does not pretend to know 2027', () => {
    expect(sut.years[0]).toBe(2004);
    expect(sut.isPublished(2026)).toBe(true);
    expect(sut.isPublished(2027)).toBe(false);
    expect(sut.day('2027-01-04')).toEqual({ working: true, known: false });
  });

  it('counts a year not published with its statutory rest days, weekends and 补假, and no adjusted working days', () => {
    // 2027 by law: Jan 1 (Fri); lunar New Year's Eve Feb 5 and lunar 1–3 Feb 6–8 (Sat, Sun → 补假 Tue Feb 9, Wed Feb 10
    // after the Mon Feb 8 holiday); Qingming Mon Apr 5; May 1–2 (Sat, Sun → 补假 Mon May 3, Tue May 4); 端午 Wed Jun 9;
    // 中秋 Wed Sep 15; Oct 1–3 (Fri, Sat, Sun → 补假 Mon Oct 4, Tue Oct 5).
    const rest = [
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-04-05',
      '2027-05-03',
      '2027-05-04',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-04',
      '2027-10-05',
    ];
    rest.forEach((d) => expect([d, sut.day(d)]).toEqual([d, { working: false, known: false }]));
    expect(sut.day('2027-02-11')).toEqual({ working: true, known: false });
    expect(sut.day('2027-10-06')).toEqual({ working: true, known: false });
    expect(statutoryRestDays(2027)).toEqual(
      [...rest, '2027-02-06', '2027-02-07', '2027-05-01', '2027-05-02', '2027-10-02', '2027-10-03'].sort(),
    );
  });

  it.each([2025, 2026])('every statutory rest day it computes for %i is a day off in the published schedule', (year) => {
    const published = sut.scheduleOf(year)?.holidays ?? [];
    expect(statutoryRestDays(year).filter((d) => !published.includes(d))).toEqual([]);
    expect(statutoryHolidays(year)).toHaveLength(13);
  });

  it('counts a date two holidays share once: 2020-10-01 was both 国庆 and 中秋', () => {
    expect(statutoryHolidays(2020).filter((d) => d === '2020-10-01')).toHaveLength(1);
    expect(statutoryHolidays(2020)).toHaveLength(12);
  });

  it('refuses days before 2004 and after 2100', () => {
    expect(() => sut.day('2003-12-31')).toThrow(expect.objectContaining({ code: 'CALENDAR.YEAR_OUT_OF_RANGE' }));
    expect(() => sut.day('2101-01-01')).toThrow(expect.objectContaining({ code: 'CALENDAR.YEAR_OUT_OF_RANGE' }));
  });

  it('loads a newly published year without a code change, replacing any earlier load of it', () => {
    const first = sut.withYear({ year: 2027, holidays: ['2027-01-01'], workdays: [] });
    const second = first.withYear({ year: 2027, holidays: ['2027-01-04'], workdays: ['2027-01-09'] });
    expect(second.day('2027-01-01')).toEqual({ working: true, known: true });
    expect(second.day('2027-01-04')).toEqual({ working: false, known: true });
    expect(second.day('2027-01-09')).toEqual({ working: true, known: true });
    expect(sut.isPublished(2027)).toBe(false);
  });

  it('refuses a schedule that names a date outside its year, a bad date, or a weekday as a makeup day', () => {
    expect(() => sut.withYear({ year: 2027, holidays: ['2026-12-31'], workdays: [] })).toThrow(/holidays\[0\] 2026-12-31 is not in 2027/);
    expect(() => sut.withYear({ year: 2027, holidays: ['2027-02-30'], workdays: [] })).toThrow(/is not a date/);
    expect(() => sut.withYear({ year: 2027, holidays: [], workdays: ['2027-01-05'] })).toThrow(/not a weekend day/);
    expect(() => sut.withYear({ year: 2100, holidays: [], workdays: [] })).toThrow(/from 2004 to 2099/);
  });
});
