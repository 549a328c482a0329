import fc from 'fast-check';
import { at, raiseCommand, testContext } from '../testing/issue-fixtures';
import { DomainError } from '../shared/domain-error';
import { IssueCommand } from './issue.commands';
import { decide, nextDueInstant } from './issue.decide';
import { IssueEvent } from './issue.events';
import { foldIssue, Issue, IssueState } from './issue.state';

/** given(commands) / when(command) / then(events or error), in the Emmett style. */
function given(...commands: IssueCommand[]): IssueEvent[] {
  return commands.reduce<IssueEvent[]>((events, command) => [...events, ...decide(command, foldIssue(events), testContext)], []);
}
const when = (history: IssueEvent[], command: IssueCommand) => decide(command, foldIssue(history), testContext);
const stateOf = (history: IssueEvent[]) => foldIssue(history) as Issue;
const errorCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

const escalate = (t: string): IssueCommand => ({ type: 'EscalateIssue', at: at(t) });
const atDistrict = () =>
  given(raiseCommand(), escalate('2026-03-02T10:00:00+08:00'), escalate('2026-03-02T11:00:00+08:00'));
const whistle = (mode: 'single' | 'joint' | 'transfer', departments: string[], t = '2026-03-03T09:00:00+08:00', cityDepartment?: string): IssueCommand => ({
  type: 'BlowWhistle',
  mode,
  departments,
  cityDepartment,
  at: at(t),
});

describe('decide', () => {
  it('raises an issue at community level with the four lists and a 5-working-day community time limit', () => {
    const events = given(raiseCommand());
    expect(events.map((e) => e.type)).toEqual(['IssueRaised', 'LevelTimeLimitSet']);
    expect(events[1].data).toMatchObject({ level: 'community', due: '2026-03-09T16:00:00.000Z', lastDay: '2026-03-09', provisional: false });
    expect(stateOf(events)).toMatchObject({ level: 'community', status: 'open', streetId: 'htl' });
  });

  it('escalates community → street → district by hand, restarting the time limit at street level only', () => {
    const events = atDistrict();
    expect(events.filter((e) => e.type === 'IssueEscalated').map((e) => e.data)).toEqual([
      { from: 'community', to: 'street', cause: 'manual', at: '2026-03-02T02:00:00.000Z' },
      { from: 'street', to: 'district', cause: 'manual', at: '2026-03-02T03:00:00.000Z' },
    ]);
    expect(stateOf(events).timeLimit).toBeNull();
  });

  it('escalates by time limit when a Tick reaches the due instant, dating the escalation at the due instant', () => {
    const history = given(raiseCommand());
    expect(when(history, { type: 'Tick', at: at('2026-03-09T23:59:59+08:00') })).toEqual([]);
    const events = when(history, { type: 'Tick', at: at('2026-03-10T00:00:00+08:00') });
    expect(events[0]).toEqual({ type: 'IssueEscalated', data: { from: 'community', to: 'street', cause: 'time-limit', at: '2026-03-09T16:00:00.000Z' } });
    expect(events[1]).toMatchObject({ type: 'LevelTimeLimitSet', data: { level: 'street', due: '2026-03-17T16:00:00.000Z' } });
  });

  it('refuses to escalate a district issue: the way to the city is a transfer', () => {
    expect(errorCode(() => when(atDistrict(), escalate('2026-03-03T09:00:00+08:00')))).toBe('ISSUE.ESCALATE_FROM_DISTRICT');
  });

  it('refuses a whistle on a community-level issue', () => {
    expect(errorCode(() => when(given(raiseCommand()), whistle('single', ['cg'])))).toBe('ISSUE.NOT_AT_DISTRICT');
  });

  it.each([
    ['single with two departments', whistle('single', ['cg', 'zj']), 'WHISTLE.ONE_DEPARTMENT'],
    ['joint with one department', whistle('joint', ['cg']), 'WHISTLE.JOINT_NEEDS_TWO'],
    ['transfer without a city department', whistle('transfer', ['cg']), 'WHISTLE.CITY_DEPARTMENT_REQUIRED'],
    ['transfer to an unknown city department', whistle('transfer', ['cg'], undefined, 'city-xx'), 'ORGANISATION.UNKNOWN_CITY_DEPARTMENT'],
    ['single naming a city department', whistle('single', ['cg'], undefined, 'city-sw'), 'WHISTLE.CITY_DEPARTMENT_ONLY_FOR_TRANSFER'],
    ['an unknown department', whistle('joint', ['cg', 'nope']), 'ORGANISATION.UNKNOWN_DEPARTMENT'],
    ['a department named twice', whistle('joint', ['cg', 'cg']), 'WHISTLE.DUPLICATE_DEPARTMENT'],
  ])('refuses a whistle: %s', (_, command, code) => {
    expect(errorCode(() => when(atDistrict(), command))).toBe(code);
  });

  it('gives each whistled department its own 3-working-day feedback deadline', () => {
    const events = when(atDistrict(), whistle('joint', ['cg', 'zj']));
    expect(events.map((e) => e.type)).toEqual(['WhistleBlown', 'FeedbackDeadlineSet', 'FeedbackDeadlineSet']);
    expect(events.slice(1).map((e) => e.data)).toEqual([
      expect.objectContaining({ deadlineId: 'I1#1', departmentId: 'cg', due: '2026-03-06T16:00:00.000Z', lastDay: '2026-03-06' }),
      expect.objectContaining({ deadlineId: 'I1#2', departmentId: 'zj', due: '2026-03-06T16:00:00.000Z' }),
    ]);
  });

  it('moves a transfer to city level', () => {
    const state = stateOf([...atDistrict(), ...when(atDistrict(), whistle('transfer', ['zj'], undefined, 'city-sw'))]);
    expect(state.level).toBe('city');
    expect(state.whistle).toMatchObject({ mode: 'transfer', cityDepartment: 'city-sw' });
  });

  it('refuses feedback from a department not on the issue', () => {
    const history = [...atDistrict(), ...when(atDistrict(), whistle('single', ['cg']))];
    expect(errorCode(() => when(history, { type: 'GiveFeedback', departmentId: 'zj', at: at('2026-03-04T09:00:00+08:00') }))).toBe(
      'DEPARTMENT.NOT_ON_ISSUE',
    );
  });

  it('meets a deadline with feedback one second before it; feedback at the deadline instant is late', () => {
    const history = [...atDistrict(), ...when(atDistrict(), whistle('single', ['cg']))];
    const inTime = when(history, { type: 'GiveFeedback', departmentId: 'cg', at: at('2026-03-06T23:59:59+08:00') });
    expect(inTime.map((e) => e.type)).toEqual(['FeedbackGiven', 'FeedbackDeadlineMet']);
    const late = when(history, { type: 'GiveFeedback', departmentId: 'cg', at: at('2026-03-07T00:00:00+08:00') });
    expect(late.map((e) => e.type)).toEqual(['FeedbackDeadlineMissed', 'FeedbackGiven']);
  });

  it('refuses to confirm an issue that is not reported resolved', () => {
    expect(errorCode(() => when(atDistrict(), { type: 'ConfirmClosing', at: at('2026-03-04T09:00:00+08:00') }))).toBe('CLOSING.NOT_RESOLVED');
  });

  it('closing cancels the deadlines still open; a rejection reopens without a new deadline', () => {
    const whistled = [...atDistrict(), ...when(atDistrict(), whistle('joint', ['cg', 'zj']))];
    const resolved = [...whistled, ...when(whistled, { type: 'ReportResolution', departmentId: 'cg', at: at('2026-03-04T09:00:00+08:00') })];
    const closing = when(resolved, { type: 'ConfirmClosing', at: at('2026-03-05T09:00:00+08:00') });
    expect(closing.map((e) => e.type)).toEqual(['ClosingConfirmed', 'FeedbackDeadlineCancelled']);
    expect(closing[1].data).toMatchObject({ departmentId: 'zj' });
    const rejected = when(resolved, { type: 'RejectClosing', at: at('2026-03-05T09:00:00+08:00') });
    expect(rejected.map((e) => e.type)).toEqual(['ClosingRejected']);
  });

  it('a coordination meeting gives every department on the issue a new deadline', () => {
    const whistled = [...atDistrict(), ...when(atDistrict(), whistle('joint', ['cg', 'zj']))];
    const events = when(whistled, { type: 'HoldCoordinationMeeting', at: at('2026-03-05T15:00:00+08:00') });
    expect(events.filter((e) => e.type === 'FeedbackDeadlineSet').map((e) => e.data)).toEqual([
      expect.objectContaining({ departmentId: 'cg', cause: 'coordination-meeting', due: '2026-03-10T16:00:00.000Z' }),
      expect.objectContaining({ departmentId: 'zj', cause: 'coordination-meeting', due: '2026-03-10T16:00:00.000Z' }),
    ]);
  });

  it('names the department of a resolution on a whistled issue, and none below district', () => {
    const whistled = [...atDistrict(), ...when(atDistrict(), whistle('single', ['cg']))];
    expect(errorCode(() => when(whistled, { type: 'ReportResolution', at: at('2026-03-04T09:00:00+08:00') }))).toBe('RESOLUTION.DEPARTMENT_REQUIRED');
    expect(errorCode(() => when(given(raiseCommand()), { type: 'ReportResolution', departmentId: 'cg', at: at('2026-03-04T09:00:00+08:00') }))).toBe(
      'RESOLUTION.NO_DEPARTMENT_ON_ISSUE',
    );
  });

  it('refuses an unknown station and a second raise', () => {
    expect(errorCode(() => decide({ ...(raiseCommand() as Extract<IssueCommand, { type: 'RaiseIssue' }>), stationId: 'nowhere' }, null, testContext))).toBe(
      'ORGANISATION.UNKNOWN_STATION',
    );
    expect(errorCode(() => when(given(raiseCommand()), raiseCommand()))).toBe('ISSUE.ALREADY_RAISED');
  });

  describe('below district and the station\'s acts (RULES.md §2, v2)', () => {
    const T = '2026-03-04T09:00:00+08:00';
    const atStreet = () => given(raiseCommand(), escalate('2026-03-02T10:00:00+08:00'));
    const whistled = () => [...atDistrict(), ...when(atDistrict(), whistle('joint', ['cg', 'zj']))];

    it('the station reports a community issue resolved, naming no department, and its time limit stops', () => {
      const history = given(raiseCommand());
      const events = when(history, { type: 'ReportResolution', by: 'station', at: at(T) });
      expect(events).toEqual([{ type: 'ResolutionReported', data: { at: '2026-03-04T01:00:00.000Z' } }]);
      const resolved = stateOf([...history, ...events]);
      expect(resolved).toMatchObject({ status: 'resolved', timeLimit: null });
      expect(nextDueInstant(resolved)).toBeUndefined();
      // Past the time limit nothing escalates the resolved issue; a rejection starts a fresh period at its level.
      const later = [...history, ...events];
      expect(when(later, { type: 'Tick', at: at('2026-03-20T00:00:00+08:00') })).toEqual([]);
      const rejected = when(later, { type: 'RejectClosing', at: at('2026-03-05T09:00:00+08:00') });
      expect(rejected.map((e) => e.type)).toEqual(['ClosingRejected', 'LevelTimeLimitSet']);
      expect(rejected[1].data).toMatchObject({ level: 'community', startedAt: '2026-03-05T01:00:00.000Z' });
    });

    it('the street resolves and escalates only at street level; the station only at community level', () => {
      expect(when(atStreet(), { type: 'ReportResolution', by: 'street', at: at(T) }).map((e) => e.type)).toEqual(['ResolutionReported']);
      expect(when(atStreet(), { type: 'EscalateIssue', by: 'street', at: at(T) })[0].data).toMatchObject({ from: 'street', to: 'district' });
      expect(errorCode(() => when(given(raiseCommand()), { type: 'ReportResolution', by: 'street', at: at(T) }))).toBe('ISSUE.NOT_AT_LEVEL');
      expect(errorCode(() => when(given(raiseCommand()), { type: 'EscalateIssue', by: 'street', at: at(T) }))).toBe('ISSUE.NOT_AT_LEVEL');
      expect(errorCode(() => when(atStreet(), { type: 'ReportResolution', by: 'station', at: at(T) }))).toBe('ISSUE.NOT_AT_LEVEL');
      expect(errorCode(() => when(whistled(), { type: 'ReportResolution', by: 'station', at: at(T) }))).toBe('ISSUE.NOT_AT_LEVEL');
    });

    it('at district level before the whistle nobody below reports it resolved', () => {
      expect(errorCode(() => when(atDistrict(), { type: 'ReportResolution', at: at(T) }))).toBe('RESOLUTION.AWAITS_WHISTLE');
    });

    it('urges every department on an open whistled issue with a note, changing no deadline', () => {
      const events = when(whistled(), { type: 'UrgeDepartments', note: '请于周五前反馈', at: at(T) });
      expect(events).toEqual([{ type: 'DepartmentsUrged', data: { departments: ['cg', 'zj'], note: '请于周五前反馈', at: '2026-03-04T01:00:00.000Z' } }]);
      expect(stateOf([...whistled(), ...events]).deadlines).toEqual(stateOf(whistled()).deadlines);
    });

    it.each([
      ['an issue not whistled', () => atDistrict(), '催办', 'WHISTLE.NOT_BLOWN'],
      ['an empty note', () => whistled(), '  ', 'URGING.NOTE_REQUIRED'],
      [
        'a resolved issue',
        () => [...whistled(), ...when(whistled(), { type: 'ReportResolution', departmentId: 'cg', at: at('2026-03-03T12:00:00+08:00') })],
        '催办',
        'ISSUE.AWAITING_CONFIRMATION',
      ],
    ])('refuses an urging on %s', (_, history, note, code) => {
      expect(errorCode(() => when(history(), { type: 'UrgeDepartments', note, at: at(T) }))).toBe(code);
    });

    it("records the resident's satisfaction with the closing, and refuses a value outside the three", () => {
      const resolved = [...given(raiseCommand()), ...when(given(raiseCommand()), { type: 'ReportResolution', by: 'station', at: at(T) })];
      const closing = when(resolved, { type: 'ConfirmClosing', satisfaction: 'basicallySatisfied', at: at('2026-03-05T09:00:00+08:00') });
      expect(closing).toEqual([{ type: 'ClosingConfirmed', data: { satisfaction: 'basicallySatisfied', at: '2026-03-05T01:00:00.000Z' } }]);
      const unknown = { type: 'ConfirmClosing', satisfaction: 'happy', at: at(T) } as unknown as IssueCommand;
      expect(errorCode(() => when(resolved, unknown))).toBe('CLOSING.UNKNOWN_SATISFACTION');
    });
  });

  describe('a year whose schedule is not published (RULES.md §3, v2)', () => {
    // Whistled Wed 2026-12-30 10:00; 2027 is counted with its statutory rest days: Thu Dec 31 (1), Fri Jan 1 元旦 off,
    // the weekend, Mon Jan 4 (2), Tue Jan 5 (3) → due Wed 2027-01-06T00:00+08:00, provisional.
    const lateInYear = () => given(raiseCommand('2026-12-28T09:00:00+08:00'), escalate('2026-12-28T09:05:00+08:00'), escalate('2026-12-28T09:10:00+08:00'));
    const whistled = () => [...lateInYear(), ...when(lateInYear(), whistle('single', ['cg'], '2026-12-30T10:00:00+08:00'))];
    const publishedWith = (holidays: string[]) => ({
      ...testContext,
      calendar: testContext.calendar.withYear({ year: 2027, holidays, workdays: [] }),
    });
    const asPublished = publishedWith(['2027-01-01', '2027-01-02', '2027-01-03']);
    /** A schedule unlike the statutory days, so that the recomputed due instant moves: Jan 4 off too → due Jan 7. */
    const withJan4Off = publishedWith(['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04']);
    const publish = (history: IssueEvent[], t: string, context = asPublished) =>
      decide({ type: 'RecomputeProvisionalDeadlines', at: at(t) }, foldIssue(history), context);

    it('counts the statutory rest days and marks the deadline provisional; it sets no timer', () => {
      const deadline = stateOf(whistled()).deadlines[0];
      expect(deadline).toMatchObject({ provisional: true, lastDay: '2027-01-05', due: at('2027-01-06T00:00:00+08:00') });
      expect(nextDueInstant(stateOf(whistled()))).toBeUndefined();
    });

    it('an open deadline runs to its recomputed due instant', () => {
      const events = publish(whistled(), '2026-12-31T09:00:00+08:00', withJan4Off);
      expect(events).toEqual([
        { type: 'FeedbackDeadlineRecomputed', data: { deadlineId: 'I1#1', due: '2027-01-06T16:00:00.000Z', lastDay: '2027-01-06', provisional: false } },
      ]);
      expect(nextDueInstant(stateOf([...whistled(), ...events]))).toBe(at('2027-01-07T00:00:00+08:00'));
    });

    it('past its due instant it is not missed: it waits, and feedback then does not meet it yet', () => {
      const ticked = [...whistled(), ...when(whistled(), { type: 'Tick', at: at('2027-01-06T00:00:00+08:00') })];
      expect(ticked).toHaveLength(whistled().length);
      const answered = [...ticked, ...when(ticked, { type: 'GiveFeedback', departmentId: 'cg', at: at('2027-01-06T10:00:00+08:00') })];
      expect(answered.slice(ticked.length).map((e) => e.type)).toEqual(['FeedbackGiven']);
      expect(stateOf(answered).deadlines[0]).toMatchObject({ outcome: 'pending', answeredAt: at('2027-01-06T10:00:00+08:00') });
    });

    it('at publication a waiting deadline is met if the answer came before its recomputed due instant', () => {
      const answered = [...whistled(), ...when(whistled(), { type: 'GiveFeedback', departmentId: 'cg', at: at('2027-01-06T10:00:00+08:00') })];
      const events = publish(answered, '2027-01-08T09:00:00+08:00', withJan4Off);
      expect(events.map((e) => e.type)).toEqual(['FeedbackDeadlineRecomputed', 'FeedbackDeadlineMet']);
      expect(events[1].data).toMatchObject({ at: '2027-01-06T02:00:00.000Z' });
    });

    it('at publication a waiting deadline is missed at once if its recomputed due instant has passed too', () => {
      const answered = [...whistled(), ...when(whistled(), { type: 'GiveFeedback', departmentId: 'cg', at: at('2027-01-06T10:00:00+08:00') })];
      const events = publish(answered, '2027-01-07T09:00:00+08:00');
      expect(events).toEqual([
        { type: 'FeedbackDeadlineRecomputed', data: { deadlineId: 'I1#1', due: '2027-01-05T16:00:00.000Z', lastDay: '2027-01-05', provisional: false } },
        { type: 'FeedbackDeadlineMissed', data: { deadlineId: 'I1#1', departmentId: 'cg', due: '2027-01-05T16:00:00.000Z', lastDay: '2027-01-05' } },
      ]);
    });

    it('a deadline met before publication keeps its outcome, at its new due instant', () => {
      const met = [...whistled(), ...when(whistled(), { type: 'GiveFeedback', departmentId: 'cg', at: at('2026-12-31T10:00:00+08:00') })];
      const events = publish(met, '2027-01-08T09:00:00+08:00', withJan4Off);
      expect(events.map((e) => e.type)).toEqual(['FeedbackDeadlineRecomputed']);
      expect(stateOf([...met, ...events]).deadlines[0]).toMatchObject({ outcome: 'met', provisional: false, lastDay: '2027-01-06' });
    });
  });

  it('folding the same events twice gives the same state (evolve is a pure function)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), (feedbackDay) => {
        const whistled = [...atDistrict(), ...when(atDistrict(), whistle('joint', ['cg', 'zj']))];
        const history = [
          ...whistled,
          ...when(whistled, { type: 'GiveFeedback', departmentId: 'cg', at: at('2026-03-03T12:00:00+08:00') + feedbackDay * 86_400_000 }),
        ];
        const first: IssueState = foldIssue(history);
        const second: IssueState = foldIssue(history);
        return JSON.stringify(first) === JSON.stringify(second) && nextDueInstant(first as Issue) === nextDueInstant(second as Issue);
      }),
    );
  });
});
