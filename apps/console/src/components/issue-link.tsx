import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { storedSession } from '../api/session';

/**
 * A link to an issue's page for the roles whose token the API lets read it (supervisors); for the others, such as
 * a department head reading their own ledger, the issue id as text, instead of a link that would answer 403.
 */
export function IssueLink({ issueId, eventId, children }: { issueId: string; eventId?: string; children: ReactNode }) {
  if (storedSession()?.role !== 'supervisor') return <span data-testid="issue-ref">{children}</span>;
  return <Link to={`/issues/${issueId}${eventId !== undefined ? `#event-${eventId}` : ''}`}>{children}</Link>;
}
