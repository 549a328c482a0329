import { CircularDocumentStore } from '@app/circulars';
import { EventStore } from '@app/event-store';
import { ReferenceData, SurveyCommandService } from '@app/issues';
import { Module } from '@nestjs/common';
import { Pool } from 'pg';
import { API_POOL } from '../engine/api-pool';
import { CircularsController } from './circulars/circulars.controller';
import { StartProvisionalReconciliationController } from './start-provisional-reconciliation/start-provisional-reconciliation.controller';
import { StartProvisionalReconciliationHandler } from './start-provisional-reconciliation/start-provisional-reconciliation.handler';
import { SupervisionController } from './supervision.controller';
import { WhatIfController } from './what-if/what-if.controller';

/** The supervisors' reads, what they start (a provisional year end, a circular on demand, a what-if) and the surveys they record. */
@Module({
  controllers: [SupervisionController, StartProvisionalReconciliationController, CircularsController, WhatIfController],
  providers: [
    StartProvisionalReconciliationHandler,
    { provide: CircularDocumentStore, useFactory: (pool: Pool) => new CircularDocumentStore(pool), inject: [API_POOL] },
    {
      provide: SurveyCommandService,
      useFactory: (store: EventStore, reference: ReferenceData) => new SurveyCommandService(store, reference),
      inject: [EventStore, ReferenceData],
    },
  ],
})
export class SupervisionModule {}
