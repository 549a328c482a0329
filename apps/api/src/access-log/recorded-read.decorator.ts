import { SetMetadata } from '@nestjs/common';

export const RECORDED_READ_KEY = 'whistle:recorded-read';

/** What a recorded read is of: the access log's `what`. */
export const RECORDED_READS = ['audit-trail', 'issue', 'ledger', 'department-inbox', 'department-task', 'access-log'] as const;
export type RecordedReadKind = (typeof RECORDED_READS)[number];

/**
 * Marks a read route whose successful answers to a supervisor or an auditor go into the access log (who, when,
 * the route and its ids). AccessLogInterceptor does the recording, so the controller needs only this line.
 */
export const RecordedRead = (what: RecordedReadKind) => SetMetadata(RECORDED_READ_KEY, what);
