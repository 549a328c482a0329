import { IssueCommand } from '../issue/issue.commands';
import { decide } from '../issue/issue.decide';
import { evolve, Issue, IssueState } from '../issue/issue.state';
import { at, raiseCommand, testContext } from '../testing/issue-fixtures';
import { DepartmentEvent } from './department.events';
import { decideStreak, decideStreakRecount, emptyStreakState, foldStreakHistory, StreakState } from './streak.decide';

/** An issue whistled to cg at `whistle`, then the commands given, folded through the issue decider. */
function whistled(issueId: string, whistle: string, ...then: IssueCommand[]): Issue {
  const commands: IssueCommand[] = [
    raiseCommand('2026-03-02T09:00:00+08:00', issueId),
    { type: 'EscalateIssue', at: at('2026-03-02T10:00:00+08:00') },
    { type: 'EscalateIssue', at: at('2026-03-02T11:00:00+08:00') },
    { type: 'BlowWhistle', mode: 'single', departments: ['cg'], at: at(whistle) },
    ...then,
  ];
  let state: IssueState = null;
  for (const command of commands) state = decide(command, state, testContext).reduce(evolve, state);
  return state as Issue;
}

const track = (issue: Issue, state: StreakState, now: number, setOrder?: number) =>
  decideStreak({ type: 'TrackFeedbackDeadline', issue, deadline: issue.deadlines[0], setOrder, threshold: 2, now }, state);

describe('decideStreak (RULES.md §5)', () => {
  const tick = { type: 'Tick', at: at('2026-03-20T00:00:00+08:00') } as const;

  it('tracks a set deadline, waiting, with the order of the act that set it', () => {
    const issue = whistled('I1', '2026-03-03T09:00:00+08:00');
    const { events, state } = track(issue, emptyStreakState('cg'), at('2026-03-03T09:00:00+08:00'), 7);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'FeedbackDeadlineTracked',
        data: expect.objectContaining({ deadlineId: 'I1#1', setOrder: 7, outcome: 'pending' }),
      }),
    ]);
    expect(state.streak.waiting.map((d) => d.deadlineId)).toEqual(['I1#1']);
    expect(state.lastDays).toEqual({ 'I1#1': issue.deadlines[0].lastDay });
  });

  it('orders an interview for two consecutive misses, in the year of the last missed deadline', () => {
    const first = whistled('I1', '2026-03-03T09:00:00+08:00', tick);
    const second = whistled('I2', '2026-03-04T09:00:00+08:00', tick);
    let state = track(whistled('I1', '2026-03-03T09:00:00+08:00'), emptyStreakState('cg'), 0, 1).state;
    state = track(whistled('I2', '2026-03-04T09:00:00+08:00'), state, 0, 2).state;
    const afterFirst = track(first, state, tick.at);
    expect(afterFirst.events.map((e) => e.type)).toEqual(['FeedbackDeadlineTracked']);
    const afterSecond = track(second, afterFirst.state, tick.at);
    expect(afterSecond.events[1]).toEqual({
      type: 'InterviewOrdered',
      data: {
        departmentId: 'cg',
        at: expect.any(String),
        reason: 'consecutive-missed-feedback',
        year: 2026,
        deadlineIds: ['I1#1', 'I2#1'],
      },
    });
    expect(afterSecond.state).toEqual({ streak: expect.objectContaining({ waiting: [], run: [] }), lastDays: {} });
  });

  it('appends nothing for a deadline no longer waiting: the run has taken it', () => {
    const missedOne = whistled('I1', '2026-03-03T09:00:00+08:00', tick);
    const taken = track(missedOne, emptyStreakState('cg'), tick.at, 1).state;
    expect(taken.streak.waiting).toEqual([]);
    expect(track(missedOne, taken, tick.at)).toEqual({ events: [], state: taken });
  });
});

describe('decideStreakRecount (an overturned appeal)', () => {
  const tick = { type: 'Tick', at: at('2026-03-20T00:00:00+08:00') } as const;
  const decidedAt = at('2026-03-25T10:00:00+08:00');

  /** Three misses in a row on I1, I2, I3 as the streak stream recorded them: an interview for I1#1, I2#1. */
  function recordedStreak(): DepartmentEvent[] {
    const events: DepartmentEvent[] = [];
    let state = emptyStreakState('cg');
    ['I1', 'I2', 'I3'].forEach((issueId, index) => {
      const decision = track(whistled(issueId, `2026-03-0${index + 3}T09:00:00+08:00`), state, 0, index + 1);
      events.push(...decision.events);
      state = decision.state;
    });
    for (const issueId of ['I1', 'I2', 'I3']) {
      const index = Number(issueId.slice(1)) - 1;
      const decision = track(whistled(issueId, `2026-03-0${index + 3}T09:00:00+08:00`, tick), state, tick.at);
      events.push(...decision.events);
      state = decision.state;
    }
    return events;
  }
  const recount = (events: DepartmentEvent[], deadlineId: string) =>
    decideStreakRecount(
      { type: 'RecountStreak', departmentId: 'cg', appealId: `appeal:${deadlineId}`, deadlineId, threshold: 2, at: decidedAt },
      foldStreakHistory(events),
    );

  it('withdraws the interview no longer called for and orders the one now called for, at the decision', () => {
    const events = recordedStreak();
    expect(foldStreakHistory(events).inForce.map((i) => i.deadlineIds)).toEqual([['I1#1', 'I2#1']]);
    const decision = recount(events, 'I1#1');
    const when = new Date(decidedAt).toISOString();
    expect(decision?.events).toEqual([
      {
        type: 'InterviewWithdrawn',
        data: { departmentId: 'cg', at: when, year: 2026, deadlineIds: ['I1#1', 'I2#1'], appealId: 'appeal:I1#1' },
      },
      {
        type: 'InterviewOrdered',
        data: {
          departmentId: 'cg',
          at: when,
          reason: 'consecutive-missed-feedback',
          year: 2026,
          deadlineIds: ['I2#1', 'I3#1'],
          appealId: 'appeal:I1#1',
        },
      },
      { type: 'StreakRecounted', data: { departmentId: 'cg', appealId: 'appeal:I1#1', deadlineId: 'I1#1', at: when } },
    ]);
    expect(decision?.state.streak.run).toEqual([]);
  });

  it('counts an appeal once, and keeps every deadline overturned before for the next recount', () => {
    const first = [...recordedStreak(), ...(recount(recordedStreak(), 'I1#1')?.events ?? [])];
    expect(recount(first, 'I1#1')).toBeUndefined();
    const history = foldStreakHistory(first);
    expect([...history.overturned]).toEqual(['I1#1']);
    expect(history.inForce.map((i) => i.deadlineIds)).toEqual([['I2#1', 'I3#1']]);
    // I2#1 overturned too: I1 and I2 count as met, I3 alone is one miss.
    const second = recount(first, 'I2#1');
    expect(second?.events.map((e) => e.type)).toEqual(['InterviewWithdrawn', 'StreakRecounted']);
    expect(second?.state.streak.run).toEqual(['I3#1']);
  });
});
