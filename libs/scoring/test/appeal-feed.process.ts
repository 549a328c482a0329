// A process that follows the log with the appeal decision feed alone (as apps/worker composes it), for the crash
// test: it is killed with SIGKILL while it books, and started again from its checkpoint.
import { createPostgresPool, LogFollower, PostgresCheckpointStore, PostgresEventStore } from '@app/event-store';
import { ReferenceData } from '@app/issues';
import { appealDecisionFeed } from '../src/scoring-feeds';

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL as string;
  const store = new PostgresEventStore({ connectionString });
  const checkpoints = new PostgresCheckpointStore(createPostgresPool({ connectionString }, 'appeal feed checkpoints'));
  const follower = new LogFollower({
    store,
    checkpoints,
    name: 'temporal-delivery',
    feeds: [appealDecisionFeed({ store, reference: new ReferenceData(store) })],
  });
  await follower.start();
  console.log('appeal feed ready');
}

void main();
