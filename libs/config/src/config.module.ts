import { Global, Module } from '@nestjs/common';
import { EngineConfig, loadEngineConfig } from './engine-config';

/** DI token for the validated configuration. */
export const ENGINE_CONFIG = Symbol('ENGINE_CONFIG');

@Global()
@Module({
  providers: [{ provide: ENGINE_CONFIG, useFactory: (): EngineConfig => loadEngineConfig() }],
  exports: [ENGINE_CONFIG],
})
export class EngineConfigModule {}
