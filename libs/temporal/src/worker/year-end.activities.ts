import { Context } from '@temporalio/activity';
import { YearRecomputation } from '@app/domain';
import { LedgerBooking, YearEndReconciliation } from '@app/scoring';

export type YearEndActivities = ReturnType<typeof createYearEndActivities>;

/** The year-end workflow's activities (libs/scoring does the work); the recomputation heartbeats as it pages. */
export function createYearEndActivities(ledgers: LedgerBooking, reconciliation: YearEndReconciliation) {
  return {
    /** Grants the base score of `year` to every registered district department (idempotent: derived ids). */
    async openLedgerYear(input: { year: number }): Promise<number> {
      return ledgers.openYear(input.year);
    },

    async recomputeYear(input: { year: number; at: string }): Promise<YearRecomputation> {
      return reconciliation.recompute(input.year, input.at, (note) => Context.current().heartbeat(note));
    },

    async publishYearEnd(input: { recomputation: YearRecomputation; final: boolean; publicationId: string; at: string }): Promise<number> {
      return reconciliation.publish(input);
    },
  };
}
