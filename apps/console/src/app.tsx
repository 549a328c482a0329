import { useState } from 'react';
import { createBrowserRouter, Navigate, NavLink, Outlet, RouterProvider, useNavigate } from 'react-router';
import { clearToken, storedSession, workbenchOf, type Session } from './api/session';
import type { Organisation } from './api/types';
import { useApi } from './api/use-api';
import { OrganisationContext } from './components/organisation';
import { t } from './i18n/dictionary';
import { AppealsPage } from './pages/appeals.page';
import { CircularPage, CircularsPage } from './pages/circulars.page';
import { DepartmentPage, DepartmentsPage } from './pages/department.page';
import { InterviewsPage } from './pages/interviews.page';
import { IssuePage } from './pages/issue.page';
import { IssuesPage } from './pages/issues.page';
import { MeetingsPage } from './pages/meetings.page';
import { OverviewPage } from './pages/overview.page';
import { RankingPage } from './pages/ranking.page';
import { RatesPage } from './pages/rates.page';
import { ReconciliationPage } from './pages/reconciliation.page';
import { SignInPage } from './pages/sign-in.page';
import { StationsPage } from './pages/stations.page';
import { StationPage } from './pages/station.page';
import { StreetPage } from './pages/street.page';
import { WhatIfPage } from './pages/what-if.page';

/** Where the console is served by the API. */
export const BASENAME = '/console';

function Layout({ session, onSignOut }: { session: Session | undefined; onSignOut: () => void }) {
  const navigate = useNavigate();
  const organisation = useApi<Organisation>(session === undefined ? undefined : '/organisation');
  if (session === undefined) return <Navigate to="/sign-in" replace />;
  // Navigation follows the role for convenience only; every page asks the API, which answers 403/404 for what is not theirs.
  const workbench = workbenchOf(session);
  const links: [string, string][] =
    workbench !== undefined
      ? [[workbench, t.nav.workbench]]
      : [
          ['/', t.nav.overview],
          ['/issues', t.nav.issues],
          ['/departments', t.nav.departments],
          ['/ranking', t.nav.ranking],
          ['/interviews', t.nav.interviews],
          ['/reconciliation', t.nav.reconciliation],
          ['/rates', t.nav.rates],
          ['/circulars', t.nav.circulars],
          ['/stations', t.nav.stations],
          ['/meetings', t.nav.meetings],
          ['/appeals', t.nav.appeals],
          ['/what-if', t.nav.whatIf],
        ];
  return (
    <OrganisationContext.Provider value={organisation.data}>
      <a className="skip" href="#main">
        {t.skipToContent}
      </a>
      <header className="top">
        <span className="brand">{t.appTitle}</span>
        <nav aria-label={t.appTitle}>
          {links.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === '/'}>
              {label}
            </NavLink>
          ))}
        </nav>
        <span className="who" data-testid="who">
          {t.nav.signedInAs}：{t.roles[session.role] ?? session.role}
          {session.scope !== undefined && ` · ${session.scope}`}
        </span>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            onSignOut();
            navigate('/sign-in');
          }}
        >
          {t.nav.signOut}
        </button>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </OrganisationContext.Provider>
  );
}

/** A unit's own role starts on its workbench; the district-wide roles on the overview. */
function HomePage() {
  const session = storedSession();
  const workbench = session === undefined ? undefined : workbenchOf(session);
  return workbench !== undefined ? <Navigate to={workbench} replace /> : <OverviewPage />;
}

export function App() {
  const [session, setSession] = useState(storedSession);
  const [router] = useState(() =>
    createBrowserRouter(
      [
        { path: '/sign-in', element: <SignInPage onSignedIn={() => setSession(storedSession())} /> },
        {
          path: '/',
          element: <LayoutWithSession />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'issues', element: <IssuesPage /> },
            { path: 'issues/:issueId', element: <IssuePage /> },
            { path: 'departments', element: <DepartmentsPage /> },
            { path: 'departments/:departmentId', element: <DepartmentPage /> },
            { path: 'ranking', element: <RankingPage /> },
            { path: 'interviews', element: <InterviewsPage /> },
            { path: 'reconciliation', element: <ReconciliationPage /> },
            { path: 'rates', element: <RatesPage /> },
            { path: 'circulars', element: <CircularsPage /> },
            { path: 'circulars/:circularId', element: <CircularPage /> },
            { path: 'stations', element: <StationsPage /> },
            { path: 'stations/:stationId', element: <StationPage /> },
            { path: 'streets/:streetId', element: <StreetPage /> },
            { path: 'meetings', element: <MeetingsPage /> },
            { path: 'appeals', element: <AppealsPage /> },
            { path: 'what-if', element: <WhatIfPage /> },
            { path: '*', element: <Navigate to="/" replace /> },
          ],
        },
      ],
      { basename: BASENAME },
    ),
  );

  function LayoutWithSession() {
    return (
      <Layout
        session={storedSession()}
        onSignOut={() => {
          clearToken();
          setSession(undefined);
        }}
      />
    );
  }

  return <RouterProvider router={router} key={session?.token ?? 'signed-out'} />;
}
