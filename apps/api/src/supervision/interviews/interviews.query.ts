import { Query } from '@nestjs/cqrs';
import { InterviewListDto } from './interviews.dto';

export class InterviewsQuery extends Query<InterviewListDto> {
  constructor(
    readonly year?: number,
    readonly departmentId?: string,
  ) {
    super();
  }
}
