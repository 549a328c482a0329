import { SHANGHAI, yearOf } from '@app/domain';
import { ScoringStreamReader } from '@app/read-models';
import { YEAR_END_WORKFLOW_TYPE, YearEndWorkflowInput } from '@app/temporal';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { Clock } from '../../clock/clock';
import { ProblemException } from '../../problems/problem.exception';
import { TEMPORAL_RUN_SETTINGS, TemporalRunSettings } from '../../temporal/temporal-client.module';
import { StartProvisionalReconciliationCommand } from './start-provisional-reconciliation.command';
import { ProvisionalReconciliationStartedDto } from './start-provisional-reconciliation.dto';

/** How long the API waits for Temporal to accept the start before answering 503. */
const START_TIMEOUT_MS = 10_000;

/** The run's workflow id: the year, the task queue (workers sharing a namespace keep apart) and the year-end events it follows. */
export function provisionalWorkflowIdOf(year: number, taskQueue: string, yearEndEventsSoFar: number): string {
  return `yearend-${year}-provisional-${taskQueue}-after-${yearEndEventsSoFar}`;
}

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
    private readonly clock: Clock,
    private readonly temporal: Client,
    @Inject(TEMPORAL_RUN_SETTINGS) private readonly settings: TemporalRunSettings,
  ) {}

  async execute(command: StartProvisionalReconciliationCommand): Promise<ProvisionalReconciliationStartedDto> {
    const { year, request } = command;
    this.requireReconcilableYear(year);
    const { streamId, revision, finalReported } = await this.scoring.yearEndState(year);
    if (request.expectedRevision !== undefined && request.expectedRevision !== revision) {
      throw new ProblemException(
        409,
        'CONCURRENT_CHANGE',
        'The year-end reports changed since you read them',
        `expected revision ${request.expectedRevision} of ${streamId}, it is at ${String(revision)}`,
        [],
        { currentRevision: revision },
      );
    }
    // A run opens the year's ledger for every department registered now: after the final year end that would
    // write into a closed year (and rank departments the final ranking did not know).
    if (finalReported) {
      throw new ProblemException(
        409,
        'RECONCILIATION.FINAL_PUBLISHED',
        'Conflict with the current state',
        `the final year end of ${year} is published; its reports and ranking are final`,
      );
    }
    const workflowId = provisionalWorkflowIdOf(year, this.settings.taskQueue, revision === null ? 0 : revision + 1);
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

  /** The year under way or the one before (whether that one's final year end is published is read from its stream). */
  private requireReconcilableYear(year: number): void {
    const currentYear = yearOf(SHANGHAI.localDate(this.clock.now()));
    if (year > currentYear) {
      this.refuseYear(
        'RECONCILIATION.YEAR_IN_FUTURE',
        `must not be after the current year ${currentYear} (Asia/Shanghai): it has not begun`,
      );
    }
    if (year < currentYear - 1) {
      this.refuseYear(
        'RECONCILIATION.YEAR_CLOSED',
        `must be the current year ${currentYear} or the year before: earlier years had their final year end`,
      );
    }
  }

  private refuseYear(code: string, reason: string): never {
    throw new ProblemException(422, code, 'The request cannot be processed', `year ${reason}`, [{ field: 'year', reason }]);
  }
}
