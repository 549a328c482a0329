import { Module } from '@nestjs/common';
import { DepartmentLedgerController } from './department-ledger/department-ledger.controller';
import { DepartmentLedgerHandler } from './department-ledger/department-ledger.handler';
import { DepartmentRatesController } from './department-rates/department-rates.controller';
import { DepartmentRatesHandler } from './department-rates/department-rates.handler';
import { InterviewsController } from './interviews/interviews.controller';
import { InterviewsHandler } from './interviews/interviews.handler';
import { IssueAuditTrailController } from './issue-audit-trail/issue-audit-trail.controller';
import { IssueAuditTrailHandler } from './issue-audit-trail/issue-audit-trail.handler';
import { RankingController } from './ranking/ranking.controller';
import { RankingHandler } from './ranking/ranking.handler';
import { ReconciliationsController } from './reconciliations/reconciliations.controller';
import { ReconciliationsHandler } from './reconciliations/reconciliations.handler';
import { StartProvisionalReconciliationController } from './start-provisional-reconciliation/start-provisional-reconciliation.controller';
import { StartProvisionalReconciliationHandler } from './start-provisional-reconciliation/start-provisional-reconciliation.handler';

@Module({
  controllers: [
    DepartmentLedgerController,
    DepartmentRatesController,
    InterviewsController,
    IssueAuditTrailController,
    RankingController,
    ReconciliationsController,
    StartProvisionalReconciliationController,
  ],
  providers: [
    DepartmentLedgerHandler,
    DepartmentRatesHandler,
    InterviewsHandler,
    IssueAuditTrailHandler,
    RankingHandler,
    ReconciliationsHandler,
    StartProvisionalReconciliationHandler,
  ],
})
export class SupervisionModule {}
