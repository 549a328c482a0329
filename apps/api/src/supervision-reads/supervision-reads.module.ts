import { Module } from '@nestjs/common';
import { AssessmentBonusesController } from './assessment-bonuses/assessment-bonuses.controller';
import { AssessmentBonusesHandler } from './assessment-bonuses/assessment-bonuses.handler';
import { IssueDetailsController } from './issue-details/issue-details.controller';
import { IssueDetailsHandler } from './issue-details/issue-details.handler';
import { IssueSearchController } from './issue-search/issue-search.controller';
import { IssueSearchHandler } from './issue-search/issue-search.handler';
import { MonthlyRatesController } from './monthly-rates/monthly-rates.controller';
import { MonthlyRatesHandler } from './monthly-rates/monthly-rates.handler';
import { OverviewController } from './overview/overview.controller';
import { OverviewHandler } from './overview/overview.handler';
import { SupervisionReadsRepository } from './supervision-reads.repository';

/** The supervisor reads the console needs beyond SupervisionModule: overview, issue search and view, monthly rates, bonuses. */
@Module({
  controllers: [OverviewController, IssueSearchController, IssueDetailsController, MonthlyRatesController, AssessmentBonusesController],
  providers: [SupervisionReadsRepository, OverviewHandler, IssueSearchHandler, IssueDetailsHandler, MonthlyRatesHandler, AssessmentBonusesHandler],
})
export class SupervisionReadsModule {}
