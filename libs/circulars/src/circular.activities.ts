import { firstWorkingDayOf, monthPeriod, parseInstant, previousMonth, SHANGHAI, yearOf, yearPeriod } from '@app/domain';
import type { ReferenceData } from '@app/issues';
import type { CircularStreamReader } from '@app/read-models';
import type { CircularPublisher } from './circular-publisher';

/** A circular to publish (the shape of CircularRequest in libs/temporal's circular.schedule.ts). */
export interface CircularActivityRequest {
  circularId: string;
  kind: 'monthly' | 'year-end' | 'on-demand';
  period: { from: string; to: string };
  actor: { role: string; id?: string };
}

export type CircularActivities = ReturnType<typeof createCircularActivities>;

const SYSTEM = { role: 'system' };

/** The activities of circularWorkflow (the createActivities(deps) factory): what is due, and publishing one. */
export function createCircularActivities(deps: { publisher: CircularPublisher; reader: CircularStreamReader; reference: ReferenceData }) {
  return {
    /**
     * The circulars due at `at` and not yet published: the month before's once its month's first working day has
     * come (by the calendar as published), and the year before's year-end circular once its final reconciliation is in.
     */
    async dueCirculars(input: { at: string }): Promise<CircularActivityRequest[]> {
      const today = SHANGHAI.localDate(parseInstant(input.at));
      const { calendar } = await deps.reference.snapshot();
      const month = today.slice(0, 7);
      const due: CircularActivityRequest[] = [];
      if (today >= firstWorkingDayOf(month, calendar)) {
        const last = previousMonth(month);
        due.push({ circularId: `monthly-${last}`, kind: 'monthly', period: monthPeriod(last), actor: SYSTEM });
      }
      const lastYear = yearOf(today) - 1;
      if (await deps.reader.finalReconciliationReported(lastYear)) {
        due.push({ circularId: `year-end-${lastYear}`, kind: 'year-end', period: yearPeriod(lastYear), actor: SYSTEM });
      }
      const published = new Set((await deps.reader.circulars()).map((c) => c.circularId));
      return due.filter((c) => !published.has(c.circularId));
    },

    async publishCircular(input: CircularActivityRequest & { at: string }): Promise<{ circularId: string; documentNumber: string }> {
      const published = await deps.publisher.publish({ ...input, at: parseInstant(input.at) });
      return { circularId: published.circularId, documentNumber: published.documentNumber };
    },
  };
}
