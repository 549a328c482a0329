export * from './engine-config';
export * from './config.module';
export * from './transport-security';
