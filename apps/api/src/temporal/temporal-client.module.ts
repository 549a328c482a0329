import { EngineConfig, ENGINE_CONFIG, temporalTls } from '@app/config';
import { DynamicModule, Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';

/** Where the API starts workflows, and the domain-time offset they run with (as the worker's own). */
export interface TemporalRunSettings {
  taskQueue: string;
  clockOffsetMs: number;
}

export const TEMPORAL_RUN_SETTINGS = Symbol('TEMPORAL_RUN_SETTINGS');

export interface TemporalClientModuleOptions {
  /** Defaults to TEMPORAL_TASK_QUEUE (tests give the task queue of the worker they start). */
  taskQueue?: string;
}

@Injectable()
class TemporalClientLifecycle implements OnApplicationShutdown {
  constructor(private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/**
 * The API's one Temporal client. Its connection is lazy, so the API starts (and serves everything else)
 * while Temporal is down; the first workflow start connects. Closed when the application shuts down.
 */
@Global()
@Module({})
export class TemporalClientModule {
  static forRoot(options: TemporalClientModuleOptions = {}): DynamicModule {
    return {
      module: TemporalClientModule,
      providers: [
        {
          provide: Client,
          useFactory: (config: EngineConfig) =>
            new Client({
              connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) }),
              namespace: config.TEMPORAL_NAMESPACE,
            }),
          inject: [ENGINE_CONFIG],
        },
        {
          provide: TEMPORAL_RUN_SETTINGS,
          useFactory: (config: EngineConfig): TemporalRunSettings => ({
            taskQueue: options.taskQueue ?? config.TEMPORAL_TASK_QUEUE,
            clockOffsetMs: config.TEMPORAL_CLOCK_OFFSET_MS,
          }),
          inject: [ENGINE_CONFIG],
        },
        TemporalClientLifecycle,
      ],
      exports: [Client, TEMPORAL_RUN_SETTINGS],
    };
  }
}
