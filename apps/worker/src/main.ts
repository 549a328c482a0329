// The Temporal worker process: runs the issue, year-end, circular and what-if workflows with their activities, the feeds
// that follow the log (worker-feeds.ts), and makes sure the year-end and circulars' schedules exist.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadEngineConfig, postgresSsl, temporalTls } from '@app/config';
import { createEventStoreFromEnv, PartitionLeases, PostgresCheckpointStore, createPostgresPool } from '@app/event-store';
import { ReferenceData } from '@app/issues';
import {
  CircularStreamReader,
  createReadModelsDataSource,
  RecordedOutcomeReader,
  ScoringStreamReader,
  TypeOrmLedgerRepository,
} from '@app/read-models';
import { CircularDocumentStore, CircularPublisher, createCircularActivities } from '@app/circulars';
import { ensureCircularSchedule, ensureYearEndSchedule } from '@app/temporal';
import { createActivities, createWhatIfActivities, createWorker } from '@app/temporal/worker';
import { workerFeedWork } from './worker-feeds';

export interface RunningWorker {
  shutdown(): Promise<void>;
  /** Resolves when the Temporal worker stops (shutdown or fatal error). */
  done: Promise<void>;
}

export async function runWorker(env: NodeJS.ProcessEnv = process.env): Promise<RunningWorker> {
  const config = loadEngineConfig(env);
  const clockOffsetMs = config.TEMPORAL_CLOCK_OFFSET_MS;
  const ssl = postgresSsl(config);
  const store = await createEventStoreFromEnv(env, true, ssl);
  const checkpointPool = createPostgresPool({ connectionString: config.DATABASE_URL, ssl }, 'worker checkpoints');
  const checkpoints = new PostgresCheckpointStore(checkpointPool);
  const tls = temporalTls(config);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS, tls });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, tls });
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const reference = new ReferenceData(store);
  const circularReader = new CircularStreamReader(store, reference);
  const circularPublisher = new CircularPublisher(store, circularReader, new CircularDocumentStore(checkpointPool), {
    districtName: config.DISTRICT_NAME,
    numberPrefix: config.CIRCULAR_NUMBER_PREFIX,
    chromiumPath: config.CHROMIUM_PATH,
  });

  // A what-if ranks the ledger streams it reads itself: the read model's repository is never queried, its data
  // source never connects.
  const scoring = new ScoringStreamReader(store, reference, new TypeOrmLedgerRepository(createReadModelsDataSource(config.DATABASE_URL)));
  const years = new RecordedOutcomeReader(scoring, store, reference);

  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: {
      ...createActivities({ store, reference, sortPool: checkpointPool }),
      ...createCircularActivities({ publisher: circularPublisher, reader: circularReader, reference }),
      ...createWhatIfActivities({ store, years }),
    },
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  });
  await ensureYearEndSchedule({ client, taskQueue: config.TEMPORAL_TASK_QUEUE, cron: config.YEAR_END_CRON, timeZone: config.TIME_ZONE });
  await ensureCircularSchedule({ client, taskQueue: config.TEMPORAL_TASK_QUEUE, cron: config.CIRCULAR_CRON, timeZone: config.TIME_ZONE });
  // Each feed, and each partition of the delivery, is done by one worker process at a time (docs/temporal.md).
  const feeds = new PartitionLeases({
    connection: { connectionString: config.DATABASE_URL, ssl },
    member: 'worker',
    work: workerFeedWork({
      store,
      checkpoints,
      client,
      reference,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      clockOffsetMs,
      deliveryPartitions: config.WORKER_DELIVERY_PARTITIONS,
    }),
    intervalMs: config.LEASE_INTERVAL_MS,
    onChange: (held) => console.log(`worker leases ${JSON.stringify({ pid: process.pid, held })}`),
    onError: (error) => console.error('worker leases:', error),
  });
  const done = worker.run();
  await feeds.start();

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      await feeds.stop();
      worker.shutdown();
      await done.catch(() => undefined);
      await Promise.all([store.close(), checkpointPool.end(), clientConnection.close(), connection.close()]);
    })());
  return { shutdown, done };
}

if (require.main === module) {
  runWorker()
    .then((running) => {
      const stop = () => void running.shutdown().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      console.log('worker ready');
      return running.done;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
