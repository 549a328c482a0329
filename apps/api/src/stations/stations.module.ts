import { Module } from '@nestjs/common';
import { ConfirmClosingController } from './confirm-closing/confirm-closing.controller';
import { ConfirmClosingHandler } from './confirm-closing/confirm-closing.handler';
import { EscalateIssueController } from './escalate-issue/escalate-issue.controller';
import { EscalateIssueHandler } from './escalate-issue/escalate-issue.handler';
import { HoldCoordinationMeetingController } from './hold-coordination-meeting/hold-coordination-meeting.controller';
import { HoldCoordinationMeetingHandler } from './hold-coordination-meeting/hold-coordination-meeting.handler';
import { ListStationIssuesController } from './list-station-issues/list-station-issues.controller';
import { ListStationIssuesHandler } from './list-station-issues/list-station-issues.handler';
import { RaiseIssueController } from './raise-issue/raise-issue.controller';
import { RaiseIssueHandler } from './raise-issue/raise-issue.handler';
import { RejectClosingController } from './reject-closing/reject-closing.controller';
import { RejectClosingHandler } from './reject-closing/reject-closing.handler';

@Module({
  controllers: [
    ConfirmClosingController,
    EscalateIssueController,
    HoldCoordinationMeetingController,
    ListStationIssuesController,
    RaiseIssueController,
    RejectClosingController,
  ],
  providers: [
    ConfirmClosingHandler,
    EscalateIssueHandler,
    HoldCoordinationMeetingHandler,
    ListStationIssuesHandler,
    RaiseIssueHandler,
    RejectClosingHandler,
  ],
})
export class StationsModule {}
