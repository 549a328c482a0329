/**
 * How the engine names its streams, built and parsed in this one module: `<category>-<id>`, where the category
 * (what `readAll({ category })` selects) is the part before the first '-'. The builders are libs/domain's, beside
 * the events each stream holds; everything outside the domain builds and parses stream ids through here.
 */
export {
  appealStreamOf,
  circularStreamOf,
  issueStreamOf,
  ledgerStreamOf,
  meetingStreamOf,
  REFERENCE_STREAMS,
  streakStreamOf,
  surveyStreamOf,
  whatIfStreamOf,
  yearEndStreamOf,
} from '@app/domain';

export const STREAM_CATEGORIES = {
  issue: 'issue',
  ledger: 'ledger',
  streak: 'streak',
  yearEnd: 'yearend',
  survey: 'survey',
  circular: 'circular',
  meeting: 'meeting',
  appeal: 'appeal',
  whatIf: 'whatif',
} as const;

const ISSUE_STREAM_PREFIX = `${STREAM_CATEGORIES.issue}-`;

/** `issue-<id>` → `<id>`; undefined for any other stream. */
export function issueIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith(ISSUE_STREAM_PREFIX) ? streamId.slice(ISSUE_STREAM_PREFIX.length) : undefined;
}
