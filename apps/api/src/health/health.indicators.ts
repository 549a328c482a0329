import { EngineConfig, ENGINE_CONFIG, kafkaSecurity, temporalTls } from '@app/config';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { API_POOL } from '../engine/api-pool';

const CHECK_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);
}

@Injectable()
export class PostgresHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(API_POOL) private readonly pool: Pool,
  ) {}

  async check(key = 'postgres'): Promise<HealthIndicatorResult> {
    const session = this.health.check(key);
    try {
      const result = await withTimeout(
        this.pool.query<{ version: string }>('select current_setting($1) as version', ['server_version']),
        'PostgreSQL',
      );
      return session.up({ version: result.rows[0].version });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}

/** Temporal answers over gRPC: GetSystemInfo on one long-lived connection. */
@Injectable()
export class TemporalHealthIndicator implements OnApplicationShutdown {
  private connection: Promise<Connection> | undefined;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async check(key = 'temporal'): Promise<HealthIndicatorResult> {
    const session = this.health.check(key);
    try {
      this.connection ??= Connection.connect({ address: this.config.TEMPORAL_ADDRESS, tls: temporalTls(this.config), connectTimeout: CHECK_TIMEOUT_MS });
      const connection = await withTimeout(this.connection, 'Temporal');
      const info = await withTimeout(connection.workflowService.getSystemInfo({}), 'Temporal');
      return session.up({ address: this.config.TEMPORAL_ADDRESS, serverVersion: info.serverVersion ?? 'unknown' });
    } catch (error) {
      this.connection = undefined;
      return session.down({ address: this.config.TEMPORAL_ADDRESS, message: (error as Error).message });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const connection = await this.connection?.catch(() => undefined);
    await connection?.close();
  }
}

@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async check(key = 'kafka'): Promise<HealthIndicatorResult> {
    const session = this.health.check(key);
    const admin = new Kafka({
      clientId: `${this.config.KAFKA_CLIENT_ID}-health`,
      brokers: this.config.KAFKA_BROKERS,
      ...kafkaSecurity(this.config),
      connectionTimeout: CHECK_TIMEOUT_MS,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    }).admin();
    try {
      await withTimeout(admin.connect(), 'Kafka');
      const cluster = await withTimeout(admin.describeCluster(), 'Kafka');
      return session.up({ brokers: cluster.brokers.length, controller: cluster.controller });
    } catch (error) {
      return session.down({ brokers: this.config.KAFKA_BROKERS, message: (error as Error).message });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
