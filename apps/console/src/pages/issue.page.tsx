import { Link, useParams } from 'react-router';
import type { AuditEvent, AuditTrail, IssueDetails } from '../api/types';
import { useApi } from '../api/use-api';
import { DataTable } from '../components/data-table';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { formatInstant } from '../format/format';
import { t } from '../i18n/dictionary';

/** An issue: its four lists, level history, every department's deadline, and the audit trail with its hash chain check. */
export function IssuePage() {
  const { issueId = '' } = useParams();
  const { name } = useUnitNames();
  const details = useApi<IssueDetails>(`/supervision/issues/${encodeURIComponent(issueId)}`);
  const trail = useApi<AuditTrail>(`/supervision/issues/${encodeURIComponent(issueId)}/audit-trail`);

  return (
    <>
      <p>
        <Link to="/issues">{t.issue.back}</Link>
      </p>
      <h1>{t.issue.title(issueId)}</h1>
      <Loaded state={details}>
        {(issue) => (
          <>
            <p className="lead">
              {issue.title} · {name(issue.stationId)} · {t.levels[issue.level]} · {t.issueStatus[issue.status]}
              {issue.whistleMode !== null && ` · ${t.modes[issue.whistleMode]}`}
            </p>
            <h2>{t.issue.fourLists}</h2>
            <dl className="four-lists" data-testid="four-lists">
              <dt>{t.issue.problem}</dt>
              <dd>{issue.fourLists.problem}</dd>
              <dt>{t.issue.tasks}</dt>
              <dd>{issue.fourLists.tasks}</dd>
              <dt>{t.issue.responsibleParty}</dt>
              <dd>{issue.fourLists.responsibleParty}</dd>
              <dt>{t.issue.acceptanceStandard}</dt>
              <dd>{issue.fourLists.acceptanceStandard}</dd>
            </dl>
            <h2>{t.issue.levelHistory}</h2>
            <ol className="level-history">
              {issue.levelHistory.map((change, index) => (
                <li key={index}>
                  {formatInstant(change.at)} · {t.levels[change.level]} · {t.levelCauses[change.cause] ?? change.cause}
                </li>
              ))}
            </ol>
            {issue.timeLimit !== null && (
              <p>
                {t.issue.timeLimit}：{formatInstant(issue.timeLimit.due)}
                {issue.timeLimit.provisional && t.issue.provisionalMark}
              </p>
            )}
            <h2>{t.issue.deadlines}</h2>
            <DataTable
              testId="deadlines"
              rows={issue.deadlines}
              rowKey={(deadline) => deadline.deadlineId}
              rowAttributes={(deadline) => ({ 'data-outcome': deadline.outcome })}
              columns={[
                { header: t.common.department, cell: (deadline) => <Link to={`/departments/${deadline.departmentId}`}>{name(deadline.departmentId)}</Link> },
                { header: t.issue.cause, cell: (deadline) => t.deadlineCauses[deadline.cause] ?? deadline.cause },
                { header: t.issue.startedAt, cell: (deadline) => formatInstant(deadline.startedAt) },
                {
                  header: t.issue.lastDay,
                  cell: (deadline) => (
                    <>
                      {deadline.lastDay}
                      {deadline.provisional && t.issue.provisionalMark}
                    </>
                  ),
                },
                { header: t.issue.due, cell: (deadline) => formatInstant(deadline.due) },
                {
                  header: t.issue.outcome,
                  cell: (deadline) => <span className={`badge outcome-${deadline.outcome}`}>{t.outcomes[deadline.outcome] ?? deadline.outcome}</span>,
                },
                { header: t.issue.settledAt, cell: (deadline) => formatInstant(deadline.settledAt) },
              ]}
            />
          </>
        )}
      </Loaded>
      <h2>{t.issue.timeline}</h2>
      <Loaded state={trail}>
        {(audit) => (
          <>
            <p className={`verification ${audit.verification.ok ? 'ok' : 'broken'}`} data-testid="verification" role="status">
              <strong>{t.issue.verification}：</strong>
              {audit.verification.ok
                ? t.issue.verified(audit.verification.checked ?? audit.events.length)
                : t.issue.broken(audit.verification.revision ?? -1, audit.verification.reason ?? '')}
            </p>
            <DataTable
              testId="timeline"
              className="timeline"
              rows={audit.events}
              rowKey={(event) => event.id}
              rowAttributes={(event) => ({ id: `event-${event.id}`, 'data-type': event.type })}
              columns={[
                { header: t.issue.revision, className: 'number', cell: (event) => event.revision },
                {
                  header: t.issue.when,
                  cell: (event) => (
                    <>
                      {formatInstant(businessInstant(event))}
                      {businessInstant(event) !== event.recordedAt && <div className="muted small">{t.issue.recordedAt(formatInstant(event.recordedAt))}</div>}
                    </>
                  ),
                },
                { header: t.issue.who, cell: (event) => actorLabel(event, name) },
                { header: t.issue.what, cell: (event) => t.eventTypes[event.type] ?? event.type },
                { header: t.issue.detail, cell: (event) => eventDetail(event, name) },
              ]}
            />
          </>
        )}
      </Loaded>
    </>
  );
}

/** When the act happened as the event states it (a period from its start, a missed deadline at its due instant), else when it was stored. */
function businessInstant(event: AuditEvent): string {
  const { at, due, startedAt } = event.data as { at?: string; due?: string; startedAt?: string };
  if (typeof at === 'string') return at;
  if (typeof startedAt === 'string') return startedAt;
  if (event.type === 'FeedbackDeadlineMissed' && typeof due === 'string') return due;
  return event.recordedAt;
}

function actorLabel(event: AuditEvent, name: (id?: string) => string): string {
  // The document types metadata as an open object; the API stores who acted under `actor`.
  const actor = event.metadata.actor as { role?: string; id?: string } | undefined;
  if (actor?.role === undefined) return t.issue.system;
  const role = t.roles[actor.role] ?? actor.role;
  if (actor.id === undefined || actor.id === actor.role) return role;
  return `${role} · ${t.actors[actor.id] ?? name(actor.id)}`;
}

function eventDetail(event: AuditEvent, name: (id?: string) => string): string {
  const d = event.data as Record<string, unknown> & { departmentId?: string; departments?: string[] };
  const dept = typeof d.departmentId === 'string' ? name(d.departmentId) : '';
  switch (event.type) {
    case 'IssueRaised':
      return String(d.title ?? '');
    case 'LevelTimeLimitSet':
      return `${t.levels[String(d.level)] ?? d.level} · ${t.issue.dueShort(formatInstant(String(d.due)), String(d.lastDay))}`;
    case 'IssueEscalated':
      return `${t.issue.levelChange(t.levels[String(d.from)] ?? String(d.from), t.levels[String(d.to)] ?? String(d.to))} · ${t.levelCauses[String(d.cause)] ?? d.cause}`;
    case 'WhistleBlown':
      return `${t.modes[String(d.mode)] ?? d.mode} · ${(d.departments ?? []).map((id) => name(id)).join('、')}`;
    case 'FeedbackDeadlineSet':
    case 'FeedbackDeadlineRecomputed':
      return `${dept} ${t.issue.dueShort(formatInstant(String(d.due)), String(d.lastDay))}`.trim();
    case 'FeedbackDeadlineMissed':
      return `${dept} ${t.issue.dueShort(formatInstant(String(d.due)), String(d.lastDay))}`;
    case 'FeedbackGiven':
      return `${dept}${typeof d.content === 'string' ? `：${d.content}` : ''}`;
    case 'ClosingRejected':
      return typeof d.reason === 'string' ? d.reason : '';
    case 'ClosingConfirmed':
      return typeof d.satisfaction === 'string' ? `${t.station.satisfaction}：${t.satisfaction[d.satisfaction] ?? d.satisfaction}` : '';
    case 'DepartmentsUrged':
      return `${(d.departments ?? []).map((id) => name(id)).join('、')}：${String(d.note ?? '')}`;
    default:
      return dept;
  }
}
