export * from './engine-config';
export * from './config.module';
