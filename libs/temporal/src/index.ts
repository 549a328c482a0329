export * from './issue-workflow.contract';
export * from './issue.activities';
export * from './feedback-streak-tracker';
export * from './year-end.activities';
export * from './ledger-entries';
export * from './issue-event-delivery';
export * from './year-end.schedule';
export * from './temporal-worker';
