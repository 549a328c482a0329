import { EngineConfigModule, loadEngineConfig, postgresSsl } from '@app/config';
import { ReadModelsModule } from '@app/read-models';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AccessLogModule } from './access-log/access-log.module';
import { AdminModule } from './admin/admin.module';
import { API_SETTINGS, ApiSettings, loadApiSettings } from './api-settings';
import { AuthGuard } from './auth/auth.guard';
import { BearerTokenVerifier } from './auth/bearer-token-verifier';
import { IDENTITY_SETTINGS, IdentitySettings, loadIdentitySettings } from './auth/identity-settings';
import { Clock } from './clock/clock';
import { ConsoleStaticModule } from './console/console-static.module';
import { DepartmentsModule } from './departments/departments.module';
import { DispatchModule } from './dispatch/dispatch.module';
import { EngineModule } from './engine/engine.module';
import { HealthModule } from './health/health.module';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { RevisionEtagInterceptor } from './issues/revision-etag.interceptor';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { StorableTextGuard } from './problems/storable-text.guard';
import { StationsModule } from './stations/stations.module';
import { StreetsModule } from './streets/streets.module';
import { SupervisionModule } from './supervision/supervision.module';
import { TemporalClientModule } from './temporal/temporal-client.module';

export interface AppModuleOptions {
  /** Defaults to DATABASE_URL from the configuration. */
  databaseUrl?: string;
  clock?: Clock;
  settings?: Partial<ApiSettings>;
  /** Overrides of the identity settings (tests that stand up their own identity provider). */
  identity?: Partial<IdentitySettings>;
  /** The task queue workflows are started on; defaults to TEMPORAL_TASK_QUEUE (tests name their worker's). */
  taskQueue?: string;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    const config = loadEngineConfig();
    const settings: ApiSettings = { ...loadApiSettings(), ...options.settings };
    const identity: IdentitySettings = { ...loadIdentitySettings(), ...options.identity };
    return {
      module: AppModule,
      imports: [
        EngineConfigModule,
        CqrsModule.forRoot(),
        ThrottlerModule.forRoot({ throttlers: [{ ttl: settings.THROTTLE_TTL_MS, limit: settings.THROTTLE_LIMIT }] }),
        EngineModule.forRoot({
          databaseUrl: options.databaseUrl ?? config.DATABASE_URL,
          clock: options.clock,
          ssl: postgresSsl(config),
        }),
        ReadModelsModule.forRoot({ databaseUrl: options.databaseUrl ?? config.DATABASE_URL, ssl: postgresSsl(config) }),
        TemporalClientModule.forRoot({ taskQueue: options.taskQueue }),
        HealthModule,
        StationsModule,
        StreetsModule,
        DispatchModule,
        DepartmentsModule,
        SupervisionModule,
        AdminModule,
        AccessLogModule,
        ConsoleStaticModule.forRoot(),
      ],
      providers: [
        { provide: API_SETTINGS, useValue: settings },
        { provide: IDENTITY_SETTINGS, useValue: identity },
        BearerTokenVerifier,
        IdempotencyRepository,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: StorableTextGuard },
        { provide: APP_INTERCEPTOR, useClass: RevisionEtagInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [API_SETTINGS],
      global: true,
    };
  }
}
