import { Issue } from '@app/domain';
import { Actor } from '../auth/actor';
import { IssueAccessRule } from '../engine/issue-command-runner';

/** A station acts only on the issues it raised; the path's station must be the issue's station too. */
export function stationIssueRule(actor: Actor, stationId: string): IssueAccessRule {
  return (issue: Issue) => issue.stationId === stationId && (actor.role !== 'station' || actor.scope === issue.stationId);
}
