import { Issue } from '@app/domain';
import { IssueAccessRule } from '../engine/issue-command-runner';

/** A department acts only on issues it is on; any other issue answers 404, so its existence does not leak. */
export function departmentTaskRule(departmentId: string): IssueAccessRule {
  return (issue: Issue) => issue.departments.some((d) => d.departmentId === departmentId);
}
