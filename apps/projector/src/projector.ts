import 'reflect-metadata';
import { kafkaSecurity, loadEngineConfig, postgresSsl, type EngineConfig } from '@app/config';
import { createEventStoreFromEnv, leasedWork, PartitionLeases, PostgresCheckpointStore, type EventStore, createPostgresPool } from '@app/event-store';
import { KAFKA_CIRCULARS_CHECKPOINT, KAFKA_PUBLISHER_CHECKPOINT, KafkaCircularPublisher, KafkaDepartmentPublisher } from '@app/messaging';
import {
  createReadModelsDataSource,
  ensureReadModelsSchema,
  ProjectionRunner,
  READ_MODEL_PROJECTIONS,
  rebuildReadModels,
} from '@app/read-models';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';

export type ProjectorLog = (message: string, fields?: Record<string, unknown>) => void;

export const jsonLog: ProjectorLog = (message, fields = {}) =>
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), service: 'projector', message, ...fields })}\n`);

type Connections = { config: EngineConfig; eventStore: EventStore; pool: Pool; checkpoints: PostgresCheckpointStore; dataSource: DataSource };

async function connect(env: NodeJS.ProcessEnv): Promise<Connections> {
  const config = loadEngineConfig(env);
  const ssl = postgresSsl(config);
  const eventStore = await createEventStoreFromEnv(config, true, ssl);
  const pool = createPostgresPool({ connectionString: config.DATABASE_URL, ssl, max: 4 }, 'projector');
  const dataSource = await createReadModelsDataSource(config.DATABASE_URL, 10, ssl).initialize();
  return { config, eventStore, pool, checkpoints: new PostgresCheckpointStore(pool), dataSource };
}

async function disconnect({ eventStore, pool, dataSource }: Connections): Promise<void> {
  await eventStore.close();
  await pool.end();
  if (dataSource.isInitialized) await dataSource.destroy();
}

/**
 * Runs the read-model projections and the Kafka publishers until stop() is called: each one in one projector process
 * at a time, shared out among the running projectors by leases (docs/read-models.md "Several projectors").
 */
export async function startProjector(env: NodeJS.ProcessEnv = process.env, log: ProjectorLog = jsonLog): Promise<{ stop(): Promise<void> }> {
  const connections = await connect(env);
  const { config, eventStore, checkpoints, dataSource } = connections;
  await ensureReadModelsSchema(dataSource);
  const kafka = new Kafka({
    clientId: `${config.KAFKA_CLIENT_ID}-projector`,
    brokers: config.KAFKA_BROKERS,
    ...kafkaSecurity(config),
    logLevel: logLevel.WARN,
  });
  const started = async <T extends { start(): Promise<void> }>(work: T): Promise<T> => {
    await work.start();
    return work;
  };
  const leases = new PartitionLeases({
    connection: { connectionString: config.DATABASE_URL, ssl: postgresSsl(config) },
    member: 'projector',
    intervalMs: config.LEASE_INTERVAL_MS,
    work: [
      ...READ_MODEL_PROJECTIONS.map((projection) =>
        leasedWork(projection.name, 'projector', () =>
          started(
            new ProjectionRunner({
              dataSource,
              eventStore,
              checkpoints,
              projections: [projection],
              onError: (name, error) => log('projection failed; retrying from its checkpoint', { projection: name, error: String(error) }),
            }),
          ),
        ),
      ),
      leasedWork(KAFKA_PUBLISHER_CHECKPOINT, 'projector', () =>
        started(
          new KafkaDepartmentPublisher({
            kafka,
            eventStore,
            checkpoints,
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
            onError: (error) => log('kafka publishing failed; retrying from its checkpoint', { error: String(error) }),
          }),
        ),
      ),
      leasedWork(KAFKA_CIRCULARS_CHECKPOINT, 'projector', () =>
        started(
          new KafkaCircularPublisher({
            kafka,
            eventStore,
            checkpoints,
            onError: (error) => log('kafka publishing of circulars failed; retrying from its checkpoint', { error: String(error) }),
          }),
        ),
      ),
    ],
    onChange: (held) => log('leases', { pid: process.pid, held }),
    onError: (error) => log('leases failed; taken again at the next round', { error: String(error) }),
  });
  await leases.start();
  log('projector started', { projections: READ_MODEL_PROJECTIONS.map((projection) => projection.name), topicPrefix: config.KAFKA_TOPIC_PREFIX });
  return {
    stop: async () => {
      await leases.stop();
      await disconnect(connections);
      log('projector stopped');
    },
  };
}

/** `npm run projections:rebuild`: drops the read models and replays the whole log into them. */
export async function rebuildFromEnv(env: NodeJS.ProcessEnv = process.env, log: ProjectorLog = jsonLog): Promise<void> {
  const connections = await connect(env);
  try {
    const started = Date.now();
    await rebuildReadModels(connections);
    log('read models rebuilt', { ms: Date.now() - started });
  } finally {
    await disconnect(connections);
  }
}
