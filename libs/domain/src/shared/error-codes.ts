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
  'CLOSING.NOT_RESOLVED': { kind: 'conflict-with-state', meaning: 'only a resolved issue can be confirmed closed or rejected' },
  'ORGANISATION.UNKNOWN_STATION': { kind: 'refused-input', meaning: 'the station is not registered' },
  'ORGANISATION.UNKNOWN_DEPARTMENT': { kind: 'refused-input', meaning: 'the unit is not a registered district department' },
  'ORGANISATION.UNKNOWN_CITY_DEPARTMENT': { kind: 'refused-input', meaning: 'the unit is not a registered city department' },
  'ORGANISATION.UNKNOWN_STREET': { kind: 'refused-input', meaning: "the station's street is not registered" },
  'ORGANISATION.ID_TAKEN': { kind: 'refused-input', meaning: 'the id is already registered in the organisation' },
  'POLICY.INVALID': { kind: 'refused-input', meaning: 'the policy is not valid (the field names the setting)' },
  'POLICY.RETROACTIVE': { kind: 'refused-input', meaning: 'a policy version cannot take effect in the past' },
  'POLICY.OUT_OF_ORDER': { kind: 'refused-input', meaning: 'a policy version must take effect after the newest one' },
  'POLICY.NO_VERSION': { kind: 'conflict-with-state', meaning: 'no policy version is in force' },
  'CALENDAR.YEAR_OUT_OF_RANGE': { kind: 'refused-input', meaning: 'the date is outside the years the working-day calendar covers' },
  // The admin route refuses an invalid schedule itself (422, one error per fault); this is a stored one.
  'CALENDAR.INVALID_SCHEDULE': { kind: 'conflict-with-state', meaning: 'a stored year schedule is not valid' },
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
  'COMMAND.UNKNOWN': { kind: 'conflict-with-state', meaning: 'the issue decider does not know the command' },
  'EVENT.UNKNOWN_TYPE': { kind: 'conflict-with-state', meaning: 'the stream holds an event type this build does not know' },
  'EVENT.NEWER_VERSION': { kind: 'conflict-with-state', meaning: 'the stream holds an event of a newer schema than this build reads' },
  'EVENT.NO_UPCASTER': { kind: 'conflict-with-state', meaning: 'no upcaster reads a stored event of an older schema' },
} as const satisfies Record<string, CatalogueEntry>;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;

export function kindOf(code: DomainErrorCode): DomainErrorKind {
  return DOMAIN_ERROR_CODES[code].kind;
}
