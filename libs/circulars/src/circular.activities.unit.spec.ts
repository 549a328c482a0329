import { WorkingDayCalendar } from '@app/domain';
import type { ReferenceData } from '@app/issues';
import type { CircularStreamReader, PublishedCircular } from '@app/read-models';
import { createCircularActivities } from './circular.activities';
import type { CircularPublisher } from './circular-publisher';

function sut(options: { published?: string[]; finalReconciled?: number[] } = {}) {
  const reader = {
    circulars: async () => (options.published ?? []).map((circularId) => ({ circularId }) as PublishedCircular),
    finalReconciliationReported: async (year: number) => (options.finalReconciled ?? []).includes(year),
  } as unknown as CircularStreamReader;
  const reference = { snapshot: async () => ({ calendar: WorkingDayCalendar.official() }) } as unknown as ReferenceData;
  const publisher = {
    publish: () => {
      throw new Error('not stubbed');
    },
  } as unknown as CircularPublisher;
  return createCircularActivities({ publisher, reader, reference });
}

const ids = async (activities: ReturnType<typeof sut>, at: string) => (await activities.dueCirculars({ at })).map((c) => c.circularId);

describe('dueCirculars', () => {
  it("waits for the month's first working day: after the National Day holidays, 8 October 2026", async () => {
    expect(await ids(sut(), '2026-10-07T01:00:00Z')).toEqual([]);
    expect(await sut().dueCirculars({ at: '2026-10-08T00:00:00Z' })).toEqual([
      { circularId: 'monthly-2026-09', kind: 'monthly', period: { from: '2026-09-01', to: '2026-09-30' }, actor: { role: 'system' } },
    ]);
    expect(await ids(sut(), '2026-10-12T00:00:00Z')).toEqual(['monthly-2026-09']);
  });

  it('leaves out what is published, and adds the year-end circular once the final reconciliation is in', async () => {
    expect(await ids(sut({ published: ['monthly-2026-09'] }), '2026-10-09T00:00:00Z')).toEqual([]);
    expect(await ids(sut(), '2027-01-04T00:00:00Z')).toEqual(['monthly-2026-12']);
    expect(await ids(sut({ finalReconciled: [2026] }), '2027-01-04T00:00:00Z')).toEqual(['monthly-2026-12', 'year-end-2026']);
    expect(await ids(sut({ finalReconciled: [2026], published: ['year-end-2026'] }), '2027-01-05T00:00:00Z')).toEqual(['monthly-2026-12']);
  });
});
