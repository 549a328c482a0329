export * from './feedback-streak-tracker';
export * from './ledger-booking';
export * from './year-end-reconciliation';
export * from './scoring-feeds';
export * from './appeal-booking';
export * from './year-deadline-sort';
