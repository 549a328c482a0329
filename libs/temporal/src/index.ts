// What both sides of Temporal import: the workflow contract, and the feeds and schedule that drive workflows through
// the client. The worker itself (activities, Worker) is `@app/temporal/worker`.
export * from './workflow.contract';
export * from './issue-signal-feed';
export * from './calendar-publication-feed';
export * from './engine-schedule';
export * from './year-end.schedule';
export * from './circular.schedule';
