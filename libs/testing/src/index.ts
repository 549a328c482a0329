export * from './infra-config';
export * from './fresh-database';
export * from './time-skipping';
export * from './temporal-cleanup';
export * from './test-certificates';
export * from './test-identity-provider';
export * from './wait-for';
export * from './kafka-topics';
