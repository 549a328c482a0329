import { Upcaster } from '../shared/upcast';
import { IsoInstant } from '../time/instant';
import { WhatIfComparison, YearOutcome } from './what-if';

/**
 * 规则推演: a year of the recorded history replayed under other policy values, asked for by supervisors. It changes
 * nothing: the result is kept in its own stream per year (`whatif-<year>`), one event per what-if, named by its id.
 */
export type WhatIfEvent =
  | {
      type: 'WhatIfCompared';
      data: {
        whatIfId: string;
        year: number;
        /** The policy overrides the alternative run used, as asked. */
        policy: Record<string, unknown>;
        /** When it was done. */
        at: IsoInstant;
        current: YearOutcome;
        alternative: YearOutcome;
        changes: WhatIfComparison;
        /** Where the replay under the recorded rules differs from the record (empty: the live system and the rules agree). */
        differences: string[];
      };
    }
  | {
      /**
       * Why the year could not be compared: the recorded rules or the alternative ones refuse recorded acts (each
       * problem names the event), the overrides are not policy values under the policy in force (each names the
       * field), or the history holds an event no step stands for.
       */
      type: 'WhatIfRefused';
      data: {
        whatIfId: string;
        year: number;
        policy: Record<string, unknown>;
        at: IsoInstant;
        cause: 'current-rules' | 'alternative-rules' | 'overrides' | 'history';
        problems: string[];
      };
    };

export const WHAT_IF_EVENT_SCHEMA_VERSIONS: Record<WhatIfEvent['type'], number> = {
  WhatIfCompared: 2,
  WhatIfRefused: 1,
};

/** Readers of older payloads (see shared/upcast.ts). */
export const WHAT_IF_EVENT_UPCASTERS: Record<string, Upcaster> = {
  // v1 came before appeals followed their deadline: a year whose appeals the overrides moved was refused, none moot.
  'WhatIfCompared@1': (data) => ({
    ...data,
    changes: { ...(data.changes as Record<string, unknown>), mootAppeals: { count: 0, appeals: [] } },
  }),
};

export const whatIfStreamOf = (year: number) => `whatif-${year}`;
