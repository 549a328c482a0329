import { Module } from '@nestjs/common';
import { StartProvisionalReconciliationController } from './start-provisional-reconciliation/start-provisional-reconciliation.controller';
import { StartProvisionalReconciliationHandler } from './start-provisional-reconciliation/start-provisional-reconciliation.handler';
import { SupervisionController } from './supervision.controller';

/** The supervisors' reads, and the one thing they start: a provisional year end. */
@Module({
  controllers: [SupervisionController, StartProvisionalReconciliationController],
  providers: [StartProvisionalReconciliationHandler],
})
export class SupervisionModule {}
