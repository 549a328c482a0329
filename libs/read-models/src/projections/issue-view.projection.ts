import type { IssueEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { isIssueEventType, toEngineEvent } from '@app/issues';
import type { EntityManager, Repository } from 'typeorm';
import { IssueDeadlineEntity, IssueLevelChangeEntity, IssueViewEntity } from '../entities/issue-view.entity';
import { issueIdOf, type Projection } from '../projection';

export const ISSUE_VIEW_PROJECTION = 'read-models.issue-view';

/** Below district the unit working the issue at its level reported it resolved: the station, or the street. */
async function localResolver(issues: Repository<IssueViewEntity>, issueId: string): Promise<string | null> {
  const issue = await issues.findOneBy({ issueId });
  if (issue === null) return null;
  return issue.level === 'community' ? issue.stationId : issue.streetId;
}

/** The issue row, its level history and its feedback deadlines. */
export const issueViewProjection: Projection = {
  name: ISSUE_VIEW_PROJECTION,
  entities: [IssueViewEntity, IssueLevelChangeEntity, IssueDeadlineEntity],
  async apply(recorded: RecordedEvent, tx: EntityManager): Promise<void> {
    const issueId = issueIdOf(recorded);
    if (issueId === undefined || !isIssueEventType(recorded.type)) return;
    const event = toEngineEvent<IssueEvent>(recorded);
    const issues = tx.getRepository(IssueViewEntity);
    const levels = tx.getRepository(IssueLevelChangeEntity);
    const deadlines = tx.getRepository(IssueDeadlineEntity);
    const revision = { streamRevision: recorded.revision };

    const addLevel = async (level: string, cause: string, at: string) => {
      const sequence = await levels.countBy({ issueId });
      await levels.insert({ issueId, sequence, level, cause, at: new Date(at) });
    };

    switch (event.type) {
      case 'IssueRaised':
        await issues.insert({
          issueId,
          status: 'open',
          level: 'community',
          stationId: event.data.stationId,
          streetId: event.data.streetId,
          title: event.data.title,
          ...event.data.fourLists,
          whistleMode: null,
          cityDepartment: null,
          whistledAt: null,
          departments: [],
          timeLimitDue: null,
          timeLimitProvisional: null,
          raisedAt: new Date(event.data.at),
          resolvedAt: null,
          resolvedBy: null,
          closedAt: null,
          satisfaction: null,
          lastFeedbackAt: null,
          ...revision,
        });
        await addLevel('community', 'raised', event.data.at);
        return;
      case 'LevelTimeLimitSet':
        await issues.update({ issueId }, { timeLimitDue: new Date(event.data.due), timeLimitProvisional: event.data.provisional, ...revision });
        return;
      case 'IssueEscalated':
        await issues.update({ issueId }, { level: event.data.to, timeLimitDue: null, timeLimitProvisional: null, ...revision });
        await addLevel(event.data.to, event.data.cause, event.data.at);
        return;
      case 'WhistleBlown': {
        const toCity = event.data.mode === 'transfer';
        await issues.update(
          { issueId },
          {
            whistleMode: event.data.mode,
            cityDepartment: event.data.cityDepartment ?? null,
            whistledAt: new Date(event.data.at),
            departments: event.data.departments,
            ...(toCity ? { level: 'city' } : {}),
            ...revision,
          },
        );
        if (toCity) await addLevel('city', 'transfer', event.data.at);
        return;
      }
      case 'DepartmentAdded':
        await tx.query(
          `UPDATE read_models.issue_view SET departments = array_append(departments, $2), stream_revision = $3 WHERE issue_id = $1`,
          [issueId, event.data.departmentId, recorded.revision],
        );
        return;
      case 'FeedbackDeadlineSet':
        await deadlines.insert({
          deadlineId: event.data.deadlineId,
          issueId,
          sequence: await deadlines.countBy({ issueId }),
          departmentId: event.data.departmentId,
          cause: event.data.cause,
          startedAt: new Date(event.data.startedAt),
          due: new Date(event.data.due),
          lastDay: event.data.lastDay,
          provisional: event.data.provisional,
          outcome: 'pending',
          settledAt: null,
        });
        break;
      case 'FeedbackDeadlineRecomputed':
        await deadlines.update(
          { deadlineId: event.data.deadlineId },
          { due: new Date(event.data.due), lastDay: event.data.lastDay, provisional: event.data.provisional },
        );
        break;
      case 'FeedbackDeadlineMet':
        await deadlines.update({ deadlineId: event.data.deadlineId }, { outcome: 'met', settledAt: new Date(event.data.at) });
        break;
      case 'FeedbackDeadlineMissed':
        await deadlines.update({ deadlineId: event.data.deadlineId }, { outcome: 'missed', settledAt: new Date(event.data.due) });
        break;
      case 'FeedbackDeadlineCancelled':
        await deadlines.update({ deadlineId: event.data.deadlineId }, { outcome: 'cancelled', settledAt: new Date(event.data.at) });
        break;
      case 'FeedbackGiven':
        await issues.update({ issueId }, { lastFeedbackAt: new Date(event.data.at), ...revision });
        return;
      case 'ResolutionReported': {
        const resolvedBy = event.data.departmentId ?? (await localResolver(issues, issueId));
        await issues.update(
          { issueId },
          { status: 'resolved', resolvedAt: new Date(event.data.at), resolvedBy, timeLimitDue: null, timeLimitProvisional: null, ...revision },
        );
        return;
      }
      case 'ClosingConfirmed':
        await issues.update(
          { issueId },
          {
            status: 'closed',
            closedAt: new Date(event.data.at),
            satisfaction: event.data.satisfaction ?? null,
            timeLimitDue: null,
            timeLimitProvisional: null,
            ...revision,
          },
        );
        return;
      case 'ClosingRejected':
        await issues.update({ issueId }, { status: 'open', resolvedAt: null, resolvedBy: null, ...revision });
        return;
      case 'CoordinationMeetingHeld':
      case 'DepartmentsUrged':
        break;
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
    await issues.update({ issueId }, revision);
  },
};
