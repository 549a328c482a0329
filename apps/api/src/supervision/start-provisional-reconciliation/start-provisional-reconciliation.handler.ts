import { checkYearEndCommand, decideYearEnd, SHANGHAI, YearEndCommand } from '@app/domain';
import { ReferenceData } from '@app/issues';
import { ScoringStreamReader } from '@app/read-models';
import { provisionalYearEndWorkflowIdOf, YEAR_END_WORKFLOW_TYPE, YearEndWorkflowInput } from '@app/temporal';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { Clock } from '../../clock/clock';
import { ProblemException } from '../../problems/problem.exception';
import { requireRevision, START_TIMEOUT_MS } from '../../temporal/start-on-demand';
import { TEMPORAL_RUN_SETTINGS, TemporalRunSettings } from '../../temporal/temporal-client.module';
import { StartProvisionalReconciliationCommand } from './start-provisional-reconciliation.command';
import { ProvisionalReconciliationStartedDto } from './start-provisional-reconciliation.dto';

/**
 * Starts a provisional year end (yearEndWorkflow, final: false) for the current year, or the year before until
 * its final year end is published. The workflow id names how many events `yearend-<year>` held when it was
 * asked for: until the run publishes its report, every request (a second click, a retry without
 * Idempotency-Key) names the same id and gets the running run (conflict policy USE_EXISTING); once the report
 * is stored the next request names a new id and starts a new run. The workflow derives its publication id
 * from the workflow id, so each run adds its own report.
 */
@CommandHandler(StartProvisionalReconciliationCommand)
export class StartProvisionalReconciliationHandler implements ICommandHandler<StartProvisionalReconciliationCommand> {
  constructor(
    private readonly scoring: ScoringStreamReader,
    private readonly reference: ReferenceData,
    private readonly clock: Clock,
    private readonly temporal: Client,
    @Inject(TEMPORAL_RUN_SETTINGS) private readonly settings: TemporalRunSettings,
  ) {}

  async execute(command: StartProvisionalReconciliationCommand): Promise<ProvisionalReconciliationStartedDto> {
    const { year, request } = command;
    const start: YearEndCommand = { type: 'StartProvisionalYearEnd', year, at: this.clock.now() };
    checkYearEndCommand(start, SHANGHAI);
    const [{ streamId, revision, state }, policy] = await Promise.all([this.scoring.yearEndState(year), this.reference.policy()]);
    requireRevision(streamId, request.expectedRevision, revision ?? undefined, 'The year-end reports changed since you read them');
    // Starting a run records nothing itself: the run publishes. The domain says whether the year may have one.
    decideYearEnd(start, state, { policy, zone: SHANGHAI });
    const workflowId = provisionalYearEndWorkflowIdOf(year, this.settings.taskQueue, revision === null ? 0 : revision + 1);
    const input: YearEndWorkflowInput = { year, final: false, clockOffsetMs: this.settings.clockOffsetMs };
    try {
      await this.temporal.withDeadline(Date.now() + START_TIMEOUT_MS, () =>
        this.temporal.workflow.start(YEAR_END_WORKFLOW_TYPE, {
          workflowId,
          taskQueue: this.settings.taskQueue,
          args: [input],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        }),
      );
    } catch (error) {
      // The same id already completed: its report is stored (it raced this request's read), nothing to start.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        throw new ProblemException(
          503,
          'TEMPORAL_UNAVAILABLE',
          'Service unavailable',
          `the provisional year end could not be started: ${(error as Error).message}`,
        );
      }
    }
    return { year, workflowId, basedOnRevision: revision, reports: `/api/v1/supervision/reconciliations/${year}` };
  }
}
