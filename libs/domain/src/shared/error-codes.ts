/**
 * How a rule says no. `not-found`: what the command is about does not exist. `refused-input`: the request is
 * well formed but a rule refuses what it asks (its `field` names the input at fault). `conflict-with-state`: the
 * request may be right, but not with the stream as it is now.
 */
export type DomainErrorKind = 'not-found' | 'refused-input' | 'conflict-with-state';

type CatalogueEntry = { readonly kind: DomainErrorKind; readonly meaning: string };

/** Every code a DomainError carries. Codes are stable: clients and tests match on them. */
export const DOMAIN_ERROR_CODES = {
  'ISSUE.NOT_FOUND': { kind: 'not-found', meaning: 'the issue has not been raised' },
  'ISSUE.ALREADY_RAISED': { kind: 'refused-input', meaning: 'an issue with this id has already been raised' },
  'ISSUE.ID_REQUIRED': { kind: 'refused-input', meaning: 'an issue needs an id' },
  'ISSUE.TITLE_REQUIRED': { kind: 'refused-input', meaning: 'an issue needs a title' },
  'ISSUE.CLOSED': { kind: 'conflict-with-state', meaning: 'the issue is closed (销号); nothing more is done on it' },
  'ISSUE.AWAITING_CONFIRMATION': {
    kind: 'conflict-with-state',
    meaning: "the issue is reported resolved and awaits the station's confirmation",
  },
  'ISSUE.ESCALATE_FROM_DISTRICT': {
    kind: 'conflict-with-state',
    meaning: 'the issue is at district level; the way to the city is a transfer whistle',
  },
  'ISSUE.AT_TOP': { kind: 'conflict-with-state', meaning: 'the issue is already at city level' },
  'ISSUE.NOT_AT_DISTRICT': { kind: 'conflict-with-state', meaning: 'a whistle needs the issue at district level' },
  'ISSUE.NOT_AT_LEVEL': {
    kind: 'conflict-with-state',
    meaning: 'a station acts on the issue at community level, a street at street level; the issue is at another',
  },
  'WHISTLE.ALREADY_BLOWN': { kind: 'conflict-with-state', meaning: 'the whistle has been blown; add a department instead' },
  'WHISTLE.NOT_BLOWN': { kind: 'conflict-with-state', meaning: 'departments join an issue through a whistle first' },
  'WHISTLE.NO_DEPARTMENT': { kind: 'refused-input', meaning: 'a whistle names at least one district department' },
  'WHISTLE.DUPLICATE_DEPARTMENT': { kind: 'refused-input', meaning: 'a whistle names a department twice' },
  'WHISTLE.JOINT_NEEDS_TWO': { kind: 'refused-input', meaning: 'a joint whistle names two or more departments' },
  'WHISTLE.ONE_DEPARTMENT': { kind: 'refused-input', meaning: 'a single or transfer whistle names exactly one department' },
  'WHISTLE.CITY_DEPARTMENT_REQUIRED': { kind: 'refused-input', meaning: 'a transfer names the city department' },
  'WHISTLE.CITY_DEPARTMENT_ONLY_FOR_TRANSFER': { kind: 'refused-input', meaning: 'only a transfer names a city department' },
  'DEPARTMENT.NOT_ON_ISSUE': { kind: 'refused-input', meaning: 'the department is not on the issue' },
  'DEPARTMENT.ALREADY_ON_ISSUE': { kind: 'refused-input', meaning: 'the department is already on the issue' },
  'RESOLUTION.NO_DEPARTMENT_ON_ISSUE': {
    kind: 'refused-input',
    meaning: 'no department is on the issue; the station or street reports its resolution, naming none',
  },
  'RESOLUTION.DEPARTMENT_REQUIRED': { kind: 'refused-input', meaning: 'the issue is whistled: name the department that resolved it' },
  'RESOLUTION.AWAITS_WHISTLE': {
    kind: 'conflict-with-state',
    meaning: 'at district level a department on the issue reports its resolution; the whistle has not named one yet',
  },
  'URGING.NOTE_REQUIRED': { kind: 'refused-input', meaning: 'an urging (跟踪督办) says what is urged' },
  'CLOSING.NOT_RESOLVED': { kind: 'conflict-with-state', meaning: 'only a resolved issue can be confirmed closed or rejected' },
  'CLOSING.UNKNOWN_SATISFACTION': {
    kind: 'refused-input',
    meaning: "the resident's satisfaction is satisfied, basicallySatisfied or dissatisfied",
  },
  'ORGANISATION.UNKNOWN_STATION': { kind: 'refused-input', meaning: 'the station is not registered' },
  'ORGANISATION.UNKNOWN_DEPARTMENT': { kind: 'refused-input', meaning: 'the unit is not a registered district department' },
  'ORGANISATION.UNKNOWN_CITY_DEPARTMENT': { kind: 'refused-input', meaning: 'the unit is not a registered city department' },
  'ORGANISATION.UNKNOWN_STREET': { kind: 'refused-input', meaning: "the station's street is not registered" },
  'ORGANISATION.ID_TAKEN': { kind: 'refused-input', meaning: 'the id is already registered in the organisation' },
  'MEETING.ID_REQUIRED': { kind: 'refused-input', meaning: 'a meeting needs an id' },
  'MEETING.ALREADY_RECORDED': { kind: 'conflict-with-state', meaning: 'a meeting with this id has already been recorded' },
  'MEETING.UNKNOWN_KIND': { kind: 'refused-input', meaning: 'the kind is not work-dispatch, joint or on-site-coordination' },
  'MEETING.INVALID_DATE': { kind: 'refused-input', meaning: 'the date is not a day YYYY-MM-DD' },
  'MEETING.IN_THE_FUTURE': { kind: 'refused-input', meaning: 'a meeting is recorded once held: its date is not after today' },
  'MEETING.CONVENOR_REQUIRED': { kind: 'refused-input', meaning: 'a meeting names who convened it' },
  'MEETING.ISSUE_REQUIRED': { kind: 'refused-input', meaning: 'an on-site coordination meeting discusses at least one issue' },
  'MEETING.DUPLICATE_ISSUE': { kind: 'refused-input', meaning: 'a meeting lists an issue twice' },
  'MEETING.NO_DEPARTMENT_INVITED': { kind: 'refused-input', meaning: "a meeting records at least one invited department's attendance" },
  'MEETING.DUPLICATE_DEPARTMENT': { kind: 'refused-input', meaning: "a meeting records a department's attendance twice" },
  'MEETING.UNKNOWN_ATTENDANCE': { kind: 'refused-input', meaning: 'attendance is present, excused or absent' },
  'MEETING.EXCUSE_REASON_REQUIRED': { kind: 'refused-input', meaning: 'an excused department gives its reason' },
  'MEETING.REASON_ONLY_WHEN_EXCUSED': { kind: 'refused-input', meaning: 'only an excused department gives a reason' },
  'BASE.NOT_A_REDUCTION': { kind: 'refused-input', meaning: 'a base-score decision withholds or reduces: its points are below zero' },
  'BASE.NOT_HALF_POINTS': { kind: 'refused-input', meaning: 'a base-score adjustment is a multiple of 0.5 points' },
  'BASE.REASON_REQUIRED': { kind: 'refused-input', meaning: 'a base-score decision gives its written reason' },
  'BASE.YEAR_NOT_OPEN': {
    kind: 'conflict-with-state',
    meaning: "a year's base score is decided from its first day until its year-end reconciliation",
  },
  'BASE.BELOW_ZERO': { kind: 'conflict-with-state', meaning: 'the adjustment would take the base score of the year below zero' },
  'APPEAL.NO_SUCH_DEADLINE': { kind: 'not-found', meaning: 'the issue has no such feedback deadline of the department' },
  'APPEAL.NOT_FEEDBACK_MISSED': { kind: 'refused-input', meaning: 'only a missed feedback deadline (feedback-missed) is appealed' },
  'APPEAL.NOT_OWN_DEADLINE': { kind: 'refused-input', meaning: "a department appeals its own deductions, not another's" },
  'APPEAL.OUT_OF_TIME': { kind: 'conflict-with-state', meaning: 'the appeal period of the deduction has ended' },
  'APPEAL.ALREADY_FILED': { kind: 'conflict-with-state', meaning: 'the deduction has already been appealed' },
  'APPEAL.REASON_REQUIRED': { kind: 'refused-input', meaning: 'an appeal and its decision each give a reason' },
  'APPEAL.INVALID_ATTACHMENT': { kind: 'refused-input', meaning: 'an attachment is a reference: non-empty text, each given once' },
  'APPEAL.NOT_FOUND': { kind: 'not-found', meaning: 'the deduction has not been appealed' },
  'APPEAL.UNKNOWN_OUTCOME': { kind: 'refused-input', meaning: 'an appeal is upheld or overturned' },
  'APPEAL.CLOSED': { kind: 'conflict-with-state', meaning: 'the appeal has been decided; a decision is final' },
  'POLICY.INVALID': { kind: 'refused-input', meaning: 'the policy is not valid (the field names the setting)' },
  'POLICY.RETROACTIVE': { kind: 'refused-input', meaning: 'a policy version cannot take effect in the past' },
  'POLICY.OUT_OF_ORDER': { kind: 'refused-input', meaning: 'a policy version must take effect after the newest one' },
  'POLICY.NO_VERSION': { kind: 'conflict-with-state', meaning: 'no policy version is in force' },
  'CALENDAR.YEAR_OUT_OF_RANGE': { kind: 'refused-input', meaning: 'the date is outside the years the working-day calendar covers' },
  'CALENDAR.INVALID_SCHEDULE': { kind: 'refused-input', meaning: 'the year schedule is not valid (one error per fault)' },
  'RECONCILIATION.YEAR_IN_FUTURE': { kind: 'refused-input', meaning: 'a year end is for a year that has begun' },
  'RECONCILIATION.YEAR_CLOSED': {
    kind: 'refused-input',
    meaning: 'a provisional year end is for the current year or the year before; earlier years had their final one',
  },
  'RECONCILIATION.FINAL_PUBLISHED': { kind: 'conflict-with-state', meaning: "the year's final year end is published; it is final" },
  'PERIOD.INVALID_DATE': { kind: 'refused-input', meaning: 'a period is given by two dates YYYY-MM-DD (the field names the end at fault)' },
  'PERIOD.ENDS_BEFORE_START': { kind: 'refused-input', meaning: 'a period ends before it starts' },
  'PERIOD.TOO_LONG': { kind: 'refused-input', meaning: 'a period covers at most a year (366 days)' },
  'SURVEY.COUNT_INVALID': { kind: 'refused-input', meaning: "a survey's counts are whole numbers, 0 or more" },
  'SURVEY.NO_RESPONDENTS': { kind: 'refused-input', meaning: 'a survey has at least one respondent' },
  'SURVEY.AWARE_EXCEEDS_RESPONDENTS': { kind: 'refused-input', meaning: 'more residents knew of the station than were asked' },
  'SURVEY.SATISFIED_EXCEEDS_RESPONDENTS': {
    kind: 'refused-input',
    meaning: 'satisfied and basically satisfied together exceed the respondents (each gives one answer)',
  },
  'SURVEY.ALREADY_RECORDED': { kind: 'conflict-with-state', meaning: 'the station already has a survey for this period' },
  'CIRCULAR.NOT_FOUND': { kind: 'not-found', meaning: 'no circular with this id has been published' },
  'WHATIF.NOT_FOUND': { kind: 'not-found', meaning: 'no what-if with this id has been done for the year (yet: it is kept once done)' },
  'COMMAND.UNKNOWN': { kind: 'conflict-with-state', meaning: 'the issue decider does not know the command' },
  'EVENT.UNKNOWN_TYPE': { kind: 'conflict-with-state', meaning: 'the stream holds an event type this build does not know' },
  'EVENT.NEWER_VERSION': { kind: 'conflict-with-state', meaning: 'the stream holds an event of a newer schema than this build reads' },
  'EVENT.NO_UPCASTER': { kind: 'conflict-with-state', meaning: 'no upcaster reads a stored event of an older schema' },
} as const satisfies Record<string, CatalogueEntry>;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;

export function kindOf(code: DomainErrorCode): DomainErrorKind {
  return DOMAIN_ERROR_CODES[code].kind;
}
