import { homedir } from 'node:os';
import { join } from 'node:path';

/** Addresses of the local real infrastructure (infra/local), overridable by the same env vars the apps read. */
export interface InfraConfig {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  kafkaBrokers: string[];
  /** Only set when a KurrentDB server is available; none can be installed locally. */
  kurrentDbConnectionString: string | undefined;
}

export const LOCAL_DATABASE_URL = 'postgres://whistle:whistle@127.0.0.1:55432/whistle';
export const LOCAL_TEMPORAL_ADDRESS = '127.0.0.1:17233';
export const LOCAL_TEMPORAL_NAMESPACE = 'whistle';
export const LOCAL_KAFKA_BROKERS = '127.0.0.1:19092';

export function infraConfig(env: NodeJS.ProcessEnv = process.env): InfraConfig {
  return {
    databaseUrl: env.DATABASE_URL ?? LOCAL_DATABASE_URL,
    temporalAddress: env.TEMPORAL_ADDRESS ?? LOCAL_TEMPORAL_ADDRESS,
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? LOCAL_TEMPORAL_NAMESPACE,
    kafkaBrokers: (env.KAFKA_BROKERS ?? LOCAL_KAFKA_BROKERS)
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker.length > 0),
    kurrentDbConnectionString: env.KURRENTDB_CONNECTION_STRING || undefined,
  };
}

/** The download cache infra/local installs into (outside the clone). */
export function infraCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.WHISTLE_CACHE ?? join(homedir(), '.cache', 'whistle-engine');
}

/**
 * The executable @temporalio/testing starts as an `existing-path` time-skipping server:
 * TEMPORAL_TEST_SERVER_PATH, else the wrapper infra/local/temporal-test-server.sh writes.
 */
export function timeSkippingServerPath(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.TEMPORAL_TEST_SERVER_PATH ??
    join(infraCacheDir(env), 'temporal-test-server', 'bin', 'temporal-test-server')
  );
}
