import {
  HistoryProblems,
  HistoryReplayOptions,
  IsoInstant,
  RecordedAct,
  SHANGHAI,
  TimeZone,
  WhatIfEvent,
  whatIfOfHistory,
  whatIfStreamOf,
  YearOutcome,
} from '@app/domain';
import { EventStore } from '@app/event-store';
import { derivedEventId, toNewEvent } from '@app/issues';
import { TEMPORAL_ACTOR, WhatIfWorkflowResult } from '../workflow.contract';

/** Where a what-if reads the year from: the recorded history and outcome (libs/read-models RecordedOutcomeReader). */
export interface RecordedYearSource {
  history(
    year: number,
    zone: TimeZone,
  ): Promise<{
    history: RecordedAct[];
    recorded: { outcome: YearOutcome };
    options: Pick<HistoryReplayOptions, 'year' | 'zone' | 'until'>;
  }>;
}

export interface CompareWhatIfInput {
  whatIfId: string;
  year: number;
  overrides: Record<string, unknown>;
  at: IsoInstant;
}

export interface WhatIfActivities {
  compareWhatIf(input: CompareWhatIfInput): Promise<WhatIfWorkflowResult>;
}

/**
 * The what-if's one activity: the replay and comparison `simulate --from-store --compare` runs (libs/domain
 * whatIfOfHistory), kept as one event in `whatif-<year>` with an id derived from the what-if, so a retry keeps it once.
 */
export function createWhatIfActivities({ store, years }: { store: EventStore; years: RecordedYearSource }): WhatIfActivities {
  return {
    async compareWhatIf({ whatIfId, year, overrides, at }) {
      const { history, recorded, options } = await years.history(year, SHANGHAI);
      const common = { whatIfId, year, policy: overrides, at };
      let event: WhatIfEvent;
      try {
        const answer = whatIfOfHistory(history, options, Object.keys(overrides).length > 0 ? overrides : undefined, recorded.outcome);
        event =
          answer.kind === 'compared'
            ? {
                type: 'WhatIfCompared',
                data: {
                  ...common,
                  current: answer.report.current,
                  alternative: answer.report.alternative,
                  changes: answer.report.changes,
                  differences: answer.differences,
                },
              }
            : {
                type: 'WhatIfRefused',
                data: { ...common, cause: answer.run === 'current' ? 'current-rules' : 'alternative-rules', problems: answer.problems },
              };
      } catch (error) {
        if (!(error instanceof HistoryProblems) || error.kind === 'refused') throw error;
        event = { type: 'WhatIfRefused', data: { ...common, cause: error.kind, problems: error.problems } };
      }
      await store.appendToStream(
        whatIfStreamOf(year),
        [toNewEvent(event, derivedEventId(`whatif:${whatIfId}`), { causationId: `whatif:${whatIfId}`, actor: TEMPORAL_ACTOR })],
        { expectedRevision: 'any' },
      );
      return { whatIfId, status: event.type === 'WhatIfCompared' ? 'compared' : 'refused' };
    },
  };
}
