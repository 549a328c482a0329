import { WorkingDayCalendar } from './working-day-calendar';

describe(WorkingDayCalendar.name, () => {
  const sut = WorkingDayCalendar.official();

  it('carries the 2026 State Council schedule of RULES.md §3', () => {
    const holidays = ['2026-01-01', '2026-01-03', '2026-02-15', '2026-02-23', '2026-04-04', '2026-04-06', '2026-05-01', '2026-05-05', '2026-06-19', '2026-06-21', '2026-09-25', '2026-09-27', '2026-10-01', '2026-10-07'];
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
  });
});
