import { REFERENCE_STREAMS, toIso, validateYearSchedule } from '@app/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReferenceWriter } from '../../engine/reference-writer';
import { ProblemException } from '../../problems/problem.exception';
import { ReferenceResultDto } from '../reference-result.dto';
import { LoadYearScheduleCommand } from './load-year-schedule.command';

/**
 * Loads (or replaces) a year's official schedule. Provisional deadlines computed before are recomputed by
 * the issue workflows when they see YearScheduleLoaded (RecomputeProvisionalDeadlines).
 */
@CommandHandler(LoadYearScheduleCommand)
export class LoadYearScheduleHandler implements ICommandHandler<LoadYearScheduleCommand> {
  constructor(private readonly writer: ReferenceWriter) {}

  async execute(command: LoadYearScheduleCommand): Promise<ReferenceResultDto> {
    const { schedule } = command;
    const problems = validateYearSchedule(schedule);
    if (problems.length > 0) {
      throw new ProblemException(
        422,
        'CALENDAR.INVALID_SCHEDULE',
        'The request cannot be processed',
        problems.join('; '),
        problems.map((reason) => ({ field: fieldOf(reason), reason })),
      );
    }
    const streamId = REFERENCE_STREAMS.calendar;
    const { revision, event } = await this.writer.append(streamId, command.actor, command.request, (_, now) => ({
      type: 'YearScheduleLoaded',
      data: {
        year: schedule.year,
        holidays: [...new Set(schedule.holidays)].sort(),
        workdays: [...new Set(schedule.workdays)].sort(),
        ...(schedule.source !== undefined ? { source: schedule.source } : {}),
        at: toIso(now),
      },
    }));
    return { streamId, revision, appended: { type: event.type, data: { ...event.data } } };
  }
}

/** validateYearSchedule names the list and index first ("holidays[2] ..."), or the date of a clash. */
function fieldOf(reason: string): string {
  const match = /^(holidays|workdays)\[(\d+)\]/.exec(reason);
  if (match) return `${match[1]}.${match[2]}`;
  if (reason.startsWith('year')) return 'year';
  if (reason.startsWith('working day')) return 'workdays';
  return reason.includes('both a holiday') ? 'workdays' : 'schedule';
}
