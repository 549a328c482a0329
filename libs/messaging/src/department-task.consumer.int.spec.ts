import { randomUUID } from 'node:crypto';
import { appendStory, createReadModelsHarness, type ReadModelsHarness } from '../../read-models/test/read-models.harness';
import { whistleStory } from '../../read-models/test/whistle-story.factory';
import { deleteTopicsStartingWith, infraConfig, waitFor } from '@app/testing';
import { Kafka, logLevel } from 'kafkajs';
import { DepartmentTaskConsumer } from './department-task.consumer';
import { KAFKA_PUBLISHER_CHECKPOINT, KafkaDepartmentPublisher, type DepartmentMessageBody } from './kafka-department.publisher';

describe(DepartmentTaskConsumer.name, () => {
  let harness: ReadModelsHarness;
  const topicPrefix = `dedupe${randomUUID().slice(0, 8)}.`;
  const kafka = new Kafka({ clientId: 'dedupe-test', brokers: infraConfig().kafkaBrokers, logLevel: logLevel.NOTHING });

  beforeAll(async () => {
    harness = await createReadModelsHarness('department_consumer');
  });

  afterAll(async () => {
    await deleteTopicsStartingWith(kafka, topicPrefix);
    await harness?.teardown();
  });

  it('handles each event once although the publisher delivered the topic twice', async () => {
    const story = whistleStory('D1', ['water', 'roads', 'parks']);
    await appendStory(harness.store, story);
    const last = (await harness.store.readAll()).at(-1)!.globalPosition;
    const publishAll = async () => {
      const publisher = new KafkaDepartmentPublisher({ kafka, eventStore: harness.store, checkpoints: harness.checkpoints, topicPrefix });
      await publisher.start();
      await waitFor(async () => (await harness.checkpoints.load(KAFKA_PUBLISHER_CHECKPOINT)) === last, 'the publisher to reach the end of the log');
      await publisher.stop();
    };
    await publishAll();
    // A crash before the checkpoint save looks like this: the whole log is sent again.
    await harness.checkpoints.reset(KAFKA_PUBLISHER_CHECKPOINT);
    await publishAll();

    const handled: DepartmentMessageBody[] = [];
    const sut = new DepartmentTaskConsumer({ kafka, departmentId: 'water', groupId: `water-${topicPrefix}`, topicPrefix, onMessage: async (body) => void handled.push(body) });
    await sut.start();
    const expected = story.filter(({ streamId, event }) =>
      streamId === 'issue-D1'
        ? ['WhistleBlown', 'FeedbackDeadlineSet', 'FeedbackGiven', 'FeedbackDeadlineMet', 'DepartmentsUrged', 'ResolutionReported', 'ClosingRejected', 'ClosingConfirmed'].includes(event.type) &&
          (event.type !== 'FeedbackDeadlineSet' || event.data.departmentId === 'water')
        : event.data.departmentId === 'water',
    );
    await waitFor(() => handled.length + sut.skippedDuplicates >= expected.length * 2, 'both deliveries to be consumed');
    await sut.stop();

    expect(handled.map((body) => body.eventId)).toEqual(expected.map(({ event }) => event.id));
    expect(sut.skippedDuplicates).toBe(expected.length);
    expect(handled[0]).toMatchObject({ eventType: 'WhistleBlown', departmentId: 'water', issueId: 'D1', schemaVersion: 1 });
  });
});
