import { useId, useState } from 'react';
import { useParams } from 'react-router';
import { storedSession } from '../api/session';
import type { BlowWhistle, IssueCommandResult, IssueSummary, MeetingList, ReferenceResult } from '../api/types';
import { useCommand, useFollowedApi } from '../api/use-command';
import { MeetingTable } from '../components/accountability';
import { CommandForm, faultText, RowActions, SelectField, TextCommandForm, TextField, type FormHandlers } from '../components/command-form';
import { IssueWorkList, Notice, useIssueWork, type IssueActionsProps } from '../components/issue-work';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { today } from '../format/format';
import {
  formFaults,
  RAISE_ISSUE,
  raiseIssueBody,
  recordMeetingBody,
  recordMeetingFaults,
  REJECT_CLOSING,
  URGE_DEPARTMENTS,
  EXCUSE_REASON,
  type FieldFault,
  type MeetingAttendance,
  type RaiseIssueField,
} from '../forms/validation';
import { t } from '../i18n/dictionary';

/** The station's commands on one of its issues, by the last segment of their route. */
const ROUTES = {
  resolve: 'resolution',
  escalate: 'escalations',
  whistle: 'whistle',
  urge: 'urgings',
  coordinationMeeting: 'coordination-meetings',
  confirm: 'closing-confirmations',
  reject: 'closing-rejections',
} as const;
type StationAction = keyof typeof ROUTES;

/**
 * What the console offers on an issue as the list shows it: the station works it at community level, its street at
 * street level; at district level the station blows the whistle, then follows the departments up. The API decides.
 */
function offered(issue: IssueSummary): StationAction[] {
  if (issue.status === 'resolved') return ['confirm', 'reject'];
  if (issue.status !== 'open') return [];
  if (issue.whistleMode !== null) return ['urge', 'coordinationMeeting'];
  if (issue.level === 'community') return ['resolve', 'escalate'];
  if (issue.level === 'district') return ['whistle'];
  return [];
}

/** 工作站: raise an issue with its four lists, follow its issues and their time limits, act on each; record its meetings. */
export function StationPage() {
  const { stationId = '' } = useParams();
  const session = storedSession();
  const mayAct = session?.role === 'station' && session.scope === stationId;
  const { name } = useUnitNames();
  const path = `/stations/${encodeURIComponent(stationId)}/issues`;
  const work = useIssueWork(path, { status: undefined });
  const [raising, setRaising] = useState(false);
  const [recording, setRecording] = useState(false);
  const meetings = useFollowedApi<MeetingList>(`/stations/${encodeURIComponent(stationId)}/meetings`);

  return (
    <>
      <h1>{t.station.title(name(stationId))}</h1>
      <Notice message={work.notice} />
      {mayAct && (
        <section aria-labelledby="raise-heading">
          <h2 id="raise-heading">{t.station.raise}</h2>
          {raising ? (
            <RaiseIssueForm
              path={path}
              onCancel={() => setRaising(false)}
              onRaised={(result) => {
                setRaising(false);
                work.done(t.station.raise, result);
              }}
            />
          ) : (
            <button type="button" onClick={() => setRaising(true)}>
              {t.station.raiseOpen}
            </button>
          )}
        </section>
      )}
      <h2>{t.station.issues}</h2>
      <IssueWorkList
        work={work}
        testId="station-issues"
        actions={mayAct ? (issue) => <StationIssueActions issue={issue} path={`${path}/${issue.issueId}`} onDone={work.done} /> : undefined}
      />
      <h2 id="meetings-heading">{t.meetings.stationMeetings}</h2>
      {mayAct &&
        (recording ? (
          <RecordMeetingForm
            path={`/stations/${encodeURIComponent(stationId)}/meetings`}
            onCancel={() => setRecording(false)}
            onDone={(result) => {
              setRecording(false);
              const meetingId = String(result.appended.data.meetingId);
              work.announce(t.meetings.done(meetingId, String(result.appended.data.date)));
              meetings.follow((data) => data.items.some((meeting) => meeting.meetingId === meetingId));
            }}
          />
        ) : (
          <button type="button" onClick={() => setRecording(true)}>
            {t.meetings.recordOpen}
          </button>
        ))}
      <Loaded state={meetings.state}>{(data) => <MeetingTable meetings={data.items} testId="station-meetings" />}</Loaded>
    </>
  );
}

function RaiseIssueForm({
  path,
  onRaised,
  onCancel,
}: {
  path: string;
  onRaised: (result: IssueCommandResult) => void;
  onCancel: () => void;
}) {
  const fields = Object.keys(RAISE_ISSUE) as RaiseIssueField[];
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((field) => [field, ''])) as Record<RaiseIssueField, string>);
  const [checked, setChecked] = useState(false);
  const command = useCommand(fields);
  const faults = checked ? formFaults(RAISE_ISSUE, values) : {};

  const submit = () => {
    setChecked(true);
    if (Object.keys(formFaults(RAISE_ISSUE, values)).length > 0) return false;
    void command.run<IssueCommandResult>(path, raiseIssueBody(values)).then((result) => result !== undefined && onRaised(result));
  };

  return (
    <CommandForm testId="raise-form" submitLabel={t.station.raiseSubmit} command={command} onSubmit={submit} onCancel={onCancel}>
      {fields.map((field) => (
        <TextField
          key={field}
          label={t.station.fields[field]}
          value={values[field]}
          multiline={field !== 'title'}
          hint={t.work.maxLength(RAISE_ISSUE[field].maxLength)}
          error={faultText(faults[field], command.fieldReasons[field])}
          onChange={(value) => setValues((current) => ({ ...current, [field]: value }))}
        />
      ))}
    </CommandForm>
  );
}

function StationIssueActions({ issue, path, onDone }: IssueActionsProps) {
  return (
    <RowActions
      actions={offered(issue)}
      label={(action) => t.station.actions[action]}
      onDone={onDone}
      form={(action, handlers) => {
        const props = { path: `${path}/${ROUTES[action]}`, ...handlers };
        if (action === 'whistle') return <WhistleForm {...props} />;
        if (action === 'confirm') return <ConfirmClosingForm {...props} />;
        const text =
          action === 'reject'
            ? { field: 'reason', label: t.station.reason, rule: REJECT_CLOSING.reason }
            : action === 'urge'
              ? { field: 'note', label: t.station.note, rule: URGE_DEPARTMENTS.note }
              : undefined;
        return (
          <TextCommandForm
            testId={`form-${action}`}
            submitLabel={t.station.submit[action]}
            explain={t.station.explain[action]}
            text={text}
            {...props}
          />
        );
      }}
    />
  );
}

type FormProps = FormHandlers & { path: string };

/** 销号, with the resident's evaluation when there is one (群众满意度). */
function ConfirmClosingForm({ path, onDone, onCancel }: FormProps) {
  const [satisfaction, setSatisfaction] = useState('');
  const command = useCommand(['satisfaction']);
  const submit = () => {
    void command
      .run<IssueCommandResult>(path, satisfaction === '' ? {} : { satisfaction })
      .then((result) => result !== undefined && onDone(result));
  };
  return (
    <CommandForm testId="form-confirm" submitLabel={t.station.submit.confirm} command={command} onSubmit={submit} onCancel={onCancel}>
      <p className="muted">{t.station.explain.confirm}</p>
      <SelectField
        label={t.station.satisfaction}
        value={satisfaction}
        onChange={setSatisfaction}
        options={Object.entries(t.satisfaction)}
        empty={t.station.notEvaluated}
        apiReason={command.fieldReasons.satisfaction}
      />
    </CommandForm>
  );
}

/**
 * 吹哨: the mode, the district departments, and for a transfer the city department. The console checks only what the
 * request's shape needs (a department at least); how many a mode takes is the rules', answered next to the field.
 */
function WhistleForm({ path, onDone, onCancel }: FormProps) {
  const id = useId();
  const { organisation } = useUnitNames();
  const [mode, setMode] = useState<BlowWhistle['mode']>('single');
  const [departments, setDepartments] = useState<string[]>([]);
  const [cityDepartment, setCityDepartment] = useState('');
  const [checked, setChecked] = useState(false);
  const command = useCommand(['mode', 'departments', 'cityDepartment']);
  const noDepartment = checked && departments.length === 0;
  const departmentsError = noDepartment ? t.station.chooseDepartment : faultText(undefined, command.fieldReasons.departments);

  const submit = () => {
    setChecked(true);
    if (departments.length === 0) return false;
    const body: BlowWhistle = { mode, departments, ...(mode === 'transfer' && cityDepartment !== '' ? { cityDepartment } : {}) };
    void command.run<IssueCommandResult>(path, body).then((result) => result !== undefined && onDone(result));
  };

  return (
    <CommandForm testId="form-whistle" submitLabel={t.station.submit.whistle} command={command} onSubmit={submit} onCancel={onCancel}>
      <p className="muted">{t.station.explain.whistle}</p>
      <fieldset className="choices">
        <legend>{t.issues.mode}</legend>
        {(['single', 'joint', 'transfer'] as const).map((value) => (
          <label key={value} className="choice">
            <input type="radio" name={`${id}-mode`} value={value} checked={mode === value} onChange={() => setMode(value)} />
            {t.modes[value]}
          </label>
        ))}
      </fieldset>
      <fieldset
        className="choices"
        aria-invalid={departmentsError !== undefined}
        aria-describedby={departmentsError !== undefined ? `${id}-departments-error` : undefined}
      >
        <legend>{t.issues.departments}</legend>
        {(organisation?.departments ?? []).map((department) => (
          <label key={department.id} className="choice">
            <input
              type="checkbox"
              value={department.id}
              checked={departments.includes(department.id)}
              aria-invalid={departmentsError !== undefined}
              onChange={(event) =>
                setDepartments((current) =>
                  event.target.checked ? [...current, department.id] : current.filter((other) => other !== department.id),
                )
              }
            />
            {department.name}
          </label>
        ))}
        {departmentsError !== undefined && (
          <span id={`${id}-departments-error`} className="error field-error" data-testid="field-error">
            {departmentsError}
          </span>
        )}
      </fieldset>
      {mode === 'transfer' && (
        <SelectField
          label={t.station.cityDepartment}
          value={cityDepartment}
          onChange={setCityDepartment}
          options={(organisation?.cityDepartments ?? []).map((department) => [department.id, department.name])}
          empty={t.station.chooseCityDepartment}
          apiReason={command.fieldReasons.cityDepartment}
        />
      )}
    </CommandForm>
  );
}

type Mark = { attendance: MeetingAttendance['attendance'] | ''; reason: string };

/**
 * 会议制度: a meeting the station convened, its kind and date, the issues discussed and each invited district
 * department's attendance. The console checks the request's shape and that an excuse gives its reason; the other rules
 * (an on-site coordination meeting discusses an issue, the date is not after today) answer next to the field the API names.
 */
function RecordMeetingForm({ path, onDone, onCancel }: FormHandlers<ReferenceResult> & { path: string }) {
  const id = useId();
  const { organisation } = useUnitNames();
  const departments = organisation?.departments ?? [];
  const [kind, setKind] = useState('work-dispatch');
  const [date, setDate] = useState(today);
  const [issues, setIssues] = useState('');
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [checked, setChecked] = useState(false);
  const markOf = (departmentId: string): Mark => marks[departmentId] ?? { attendance: '', reason: '' };
  // The body lists the invited departments in the chart's order; the API names each by its place in that list.
  const invited = departments
    .filter((department) => markOf(department.id).attendance !== '')
    .map((department) => ({ departmentId: department.id, ...markOf(department.id) }) as MeetingAttendance);
  const placeOf = (departmentId: string) => invited.findIndex((entry) => entry.departmentId === departmentId);
  const entryFields = invited.flatMap((_, index) => ['reason', 'attendance', 'departmentId'].map((key) => `attendance[${index}].${key}`));
  const command = useCommand(['kind', 'date', 'issues', ...entryFields, 'attendance']);
  const values = { kind, date, issues, attendance: invited };
  const faults: Record<string, FieldFault | undefined> = checked ? recordMeetingFaults(values) : {};
  const noneInvited = checked && invited.length === 0;
  const attendanceError = noneInvited ? t.meetings.chooseDepartment : faultText(undefined, command.fieldReasons.attendance);
  const error = (field: string) => faultText(faults[field], command.fieldReasons[field]);
  const entryError = (index: number) =>
    index < 0 ? undefined : (error(`attendance[${index}].attendance`) ?? error(`attendance[${index}].departmentId`));
  const mark = (departmentId: string, change: Partial<Mark>) =>
    setMarks((current) => ({ ...current, [departmentId]: { ...markOf(departmentId), ...change } }));

  const submit = () => {
    setChecked(true);
    if (invited.length === 0 || Object.keys(recordMeetingFaults(values)).length > 0) return false;
    void command.run<ReferenceResult>(path, recordMeetingBody(values)).then((result) => result !== undefined && onDone(result));
  };

  return (
    <CommandForm testId="meeting-form" submitLabel={t.meetings.recordSubmit} command={command} onSubmit={submit} onCancel={onCancel}>
      <p className="muted">{t.meetings.explain}</p>
      <fieldset className="choices">
        <legend>{t.meetings.kind}</legend>
        {Object.entries(t.meetingKinds).map(([value, label]) => (
          <label key={value} className="choice">
            <input type="radio" name={`${id}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      <TextField label={t.meetings.date} type="date" value={date} onChange={setDate} error={error('date')} />
      <TextField label={t.meetings.issues} multiline value={issues} onChange={setIssues} hint={t.meetings.issuesHint} error={error('issues')} />
      <fieldset
        className="attendance"
        aria-invalid={attendanceError !== undefined}
        aria-describedby={attendanceError !== undefined ? `${id}-attendance-error` : undefined}
      >
        <legend>{t.meetings.attendance}</legend>
        {departments.map((department) => {
          const { attendance, reason } = markOf(department.id);
          const place = placeOf(department.id);
          const choiceError = entryError(place);
          return (
            <fieldset
              key={department.id}
              className="choices"
              data-department={department.id}
              aria-invalid={choiceError !== undefined}
              aria-describedby={choiceError !== undefined ? `${id}-${department.id}-error` : undefined}
            >
              <legend>{department.name}</legend>
              {(['', 'present', 'excused', 'absent'] as const).map((value) => (
                <label key={value} className="choice">
                  <input
                    type="radio"
                    name={`${id}-${department.id}`}
                    value={value}
                    checked={attendance === value}
                    onChange={() => mark(department.id, { attendance: value })}
                  />
                  {value === '' ? t.meetings.notInvited : t.attendances[value]}
                </label>
              ))}
              {attendance === 'excused' && (
                <TextField
                  label={t.meetings.excuseReason(department.name)}
                  value={reason}
                  hint={t.work.maxLength(EXCUSE_REASON.maxLength)}
                  error={error(`attendance[${place}].reason`)}
                  onChange={(value) => mark(department.id, { reason: value })}
                />
              )}
              {choiceError !== undefined && (
                <span id={`${id}-${department.id}-error`} className="error field-error" data-testid="field-error">
                  {choiceError}
                </span>
              )}
            </fieldset>
          );
        })}
        {attendanceError !== undefined && (
          <span id={`${id}-attendance-error`} className="error field-error" data-testid="field-error">
            {attendanceError}
          </span>
        )}
      </fieldset>
    </CommandForm>
  );
}
