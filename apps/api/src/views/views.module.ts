import { Global, Module } from '@nestjs/common';
import { EventStoreIssueViews } from './event-store-issue-views';
import { IssueViews } from './issue-views';

/** Binds the IssueViews port; swap the implementation for the read models when they serve these queries. */
@Global()
@Module({
  providers: [{ provide: IssueViews, useClass: EventStoreIssueViews }],
  exports: [IssueViews],
})
export class ViewsModule {}
