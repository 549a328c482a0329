import {
  appealStreamOf,
  issueIdOfStream,
  issueStreamOf,
  ledgerStreamOf,
  meetingStreamOf,
  streakStreamOf,
  STREAM_CATEGORIES,
  yearEndStreamOf,
} from './stream-ids';

describe('stream ids', () => {
  it('parses back the issue id an issue stream was built from, ids with dashes included', () => {
    expect(issueIdOfStream(issueStreamOf('20260302-4f9a1c'))).toBe('20260302-4f9a1c');
  });

  it('answers undefined for a stream of another category', () => {
    expect(issueIdOfStream(ledgerStreamOf('cg', 2026))).toBeUndefined();
    expect(issueIdOfStream('issues-x')).toBeUndefined();
  });

  it('builds every stream in the category readAll selects it by', () => {
    const categoryOf = (streamId: string) => streamId.split('-')[0];
    expect(categoryOf(issueStreamOf('i1'))).toBe(STREAM_CATEGORIES.issue);
    expect(categoryOf(ledgerStreamOf('cg', 2026))).toBe(STREAM_CATEGORIES.ledger);
    expect(categoryOf(streakStreamOf('cg'))).toBe(STREAM_CATEGORIES.streak);
    expect(categoryOf(yearEndStreamOf(2026))).toBe(STREAM_CATEGORIES.yearEnd);
    expect(categoryOf(meetingStreamOf('m-2026-05'))).toBe(STREAM_CATEGORIES.meeting);
    expect(categoryOf(appealStreamOf('20260302-4f9a1c#1'))).toBe(STREAM_CATEGORIES.appeal);
  });
});
