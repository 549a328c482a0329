import { useParams } from 'react-router';
import { storedSession } from '../api/session';
import { RowActions, TextCommandForm } from '../components/command-form';
import { IssueWorkList, Notice, useIssueWork, type IssueActionsProps } from '../components/issue-work';
import { useUnitNames } from '../components/organisation';
import { t } from '../i18n/dictionary';

/** The street's commands on an issue of its stations, by the last segment of their route. */
const ROUTES = { resolve: 'resolution', escalate: 'escalations' } as const;
type StreetAction = keyof typeof ROUTES;

/** 街道: the issues of its stations, by default those open at street level, which it resolves or escalates to district. */
export function StreetPage() {
  const { streetId = '' } = useParams();
  const session = storedSession();
  const mayAct = session?.role === 'street' && session.scope === streetId;
  const { name } = useUnitNames();
  const path = `/streets/${encodeURIComponent(streetId)}/issues`;
  const work = useIssueWork(path, { level: 'street', status: 'open' });

  return (
    <>
      <h1>{t.street.title(name(streetId))}</h1>
      <Notice message={work.notice} />
      <IssueWorkList
        work={work}
        testId="street-issues"
        showStation
        actions={mayAct ? (issue) => <StreetIssueActions issue={issue} path={`${path}/${issue.issueId}`} onDone={work.done} /> : undefined}
      />
    </>
  );
}

function StreetIssueActions({ issue, path, onDone }: IssueActionsProps) {
  const actions: StreetAction[] = issue.status === 'open' && issue.level === 'street' ? ['resolve', 'escalate'] : [];
  return (
    <RowActions
      actions={actions}
      label={(action) => t.street.actions[action]}
      onDone={onDone}
      form={(action, handlers) => (
        <TextCommandForm
          testId={`form-${action}`}
          path={`${path}/${ROUTES[action]}`}
          submitLabel={t.street.submit[action]}
          explain={t.street.explain[action]}
          {...handlers}
        />
      )}
    />
  );
}
