import { Link } from 'react-router';
import type { Problem } from '../api/client';
import { t } from '../i18n/dictionary';

/** The API's refusal or error, shown as the API gave it (status, title, detail). */
export function ProblemView({ problem, title = t.problem.title }: { problem: Problem; title?: string }) {
  return (
    <section className="problem" role="alert" data-testid="problem" data-status={problem.status}>
      <h2>{title}</h2>
      <p className="problem-status">{problem.status === 0 ? t.problem.network : t.problem.status(problem.status)}</p>
      <p>
        <strong>{problem.title}</strong>
        {problem.detail !== undefined && problem.detail !== problem.title ? `：${problem.detail}` : ''}
      </p>
      {problem.code !== undefined && <p className="muted">{problem.code}</p>}
      {problem.status === 401 && <Link to="/sign-in">{t.problem.signInAgain}</Link>}
    </section>
  );
}

/** Loading, the API's problem, or the content. */
export function Loaded<T>({ state, children }: { state: { data?: T; problem?: Problem; loading: boolean }; children: (data: T) => React.ReactNode }) {
  if (state.problem !== undefined) return <ProblemView problem={state.problem} />;
  if (state.data === undefined) return <p aria-busy="true">{t.common.loading}</p>;
  return <>{children(state.data)}</>;
}
