import { randomUUID } from 'node:crypto';
import { createFreshDatabase, type FreshDatabase } from '@app/testing';
import { Test } from '@nestjs/testing';
import { CheckpointStore } from './checkpoint-store.port';
import { EventStoreModule } from './event-store.module';
import { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';

describe(EventStoreModule.name, () => {
  let database: FreshDatabase;

  beforeAll(async () => {
    database = await createFreshDatabase('event_store_module');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('provides a migrated PostgreSQL EventStore and a CheckpointStore from DATABASE_URL', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [EventStoreModule.forRoot({ env: { DATABASE_URL: database.url } })],
    }).compile();
    moduleRef.enableShutdownHooks();
    const eventStore = moduleRef.get(EventStore);
    const checkpoints = moduleRef.get(CheckpointStore);

    const appended = await eventStore.appendToStream(
      `issue-${randomUUID()}`,
      [
        {
          id: randomUUID(),
          type: 'IssueRaised',
          schemaVersion: 1,
          data: { level: 'community' },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    await checkpoints.save('issue-view.projection', appended.lastGlobalPosition);

    expect(eventStore).toBeInstanceOf(PostgresEventStore);
    expect(await checkpoints.load('issue-view.projection')).toBe(appended.lastGlobalPosition);
    await moduleRef.close();
  });
});
