import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { circularStreamOf, type CircularEvent } from '@app/domain';
import { derivedEventId, toNewEvent } from '@app/issues';
import { deleteTopicsStartingWith, infraConfig, waitFor } from '@app/testing';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { appendStory, createReadModelsHarness, type ReadModelsHarness } from '../../read-models/test/read-models.harness';
import { whistleStory, type StoryAppend } from '../../read-models/test/whistle-story.factory';
import { asyncApiValidators, headerStrings } from '../test/asyncapi-document';
import { eventIdOf } from './department-task.consumer';
import { KAFKA_CIRCULARS_CHECKPOINT, KafkaCircularPublisher, type CircularMessageBody } from './kafka-circular.publisher';

/** The monthly circular of `month` (1–12) of 2026, issued on the 1st of the next month, as the publisher appends it. */
function monthlyCircular(month: number, sequence: number): { append: StoryAppend; data: CircularEvent['data'] } {
  const mm = String(month).padStart(2, '0');
  const issuedOn = new Date(Date.UTC(2026, month, 1)).toISOString().slice(0, 10);
  const year = Number(issuedOn.slice(0, 4));
  const event: CircularEvent = {
    type: 'CircularPublished',
    data: {
      circularId: `monthly-2026-${mm}`,
      kind: 'monthly',
      period: { from: `2026-${mm}-01`, to: new Date(Date.UTC(2026, month, 0)).toISOString().slice(0, 10) },
      documentNumber: `大观红领办〔${year}〕${sequence}号`,
      year,
      sequence,
      issuedOn,
      at: `${issuedOn}T00:00:00.000Z`,
      throughPosition: String(100 * month),
      contentSha256: String(month % 10).repeat(64),
      pdfSha256: 'f'.repeat(63) + String(month % 10),
      pdfBytes: 300_000 + month,
    },
  };
  const cause = `circular/${event.data.circularId}`;
  return { append: { streamId: circularStreamOf(year), event: toNewEvent(event, derivedEventId(cause), { causationId: cause, actor: { role: 'system' } }) }, data: event.data };
}

describe(KafkaCircularPublisher.name, () => {
  let harness: ReadModelsHarness;
  const topic = `circulars${randomUUID().slice(0, 8)}`;
  const kafka = new Kafka({ clientId: 'circulars-test', brokers: infraConfig().kafkaBrokers, logLevel: logLevel.NOTHING });
  const { payloadOf, headers: validateHeaders } = asyncApiValidators();

  beforeAll(async () => {
    harness = await createReadModelsHarness('kafka_circulars');
  });

  afterAll(async () => {
    await deleteTopicsStartingWith(kafka, topic);
    await harness?.teardown();
  });

  it('sends every CircularPublished to the circulars topic at least once; deduped by event-id, each once after a restart', async () => {
    const march = monthlyCircular(3, 3);
    const april = monthlyCircular(4, 4);
    const december = monthlyCircular(12, 1);
    // An issue's events interleaved: the publisher follows the circular streams only.
    await appendStory(harness.store, [march.append, ...whistleStory('K1', ['water', 'roads', 'parks']), april.append]);
    const positionOf = async (circularId: string) =>
      (await harness.store.readAll({ maxCount: 1_000_000 })).find((event) => event.data.circularId === circularId)!.globalPosition;
    const publishUntil = async (circularId: string) => {
      const sut = new KafkaCircularPublisher({ kafka, eventStore: harness.store, checkpoints: harness.checkpoints, topic });
      await sut.start();
      const last = await positionOf(circularId);
      await waitFor(async () => (await harness.checkpoints.load(KAFKA_CIRCULARS_CHECKPOINT)) === last, `the publisher to checkpoint ${circularId}`);
      await sut.stop();
    };
    await publishUntil('monthly-2026-04');
    // A crash before the checkpoint save looks like this: the restarted publisher sends the circulars again.
    await harness.checkpoints.reset(KAFKA_CIRCULARS_CHECKPOINT);
    await appendStory(harness.store, [december.append]);
    await publishUntil('monthly-2026-12');

    const received: KafkaMessage[] = [];
    const consumer = kafka.consumer({ groupId: `verify-${topic}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
    await waitFor(() => received.length >= 5, 'both deliveries to be consumed');
    await delay(500);
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    const { topics: [metadata] } = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();

    const appended = [march, april, december];
    const bodies = received.map((message) => JSON.parse(String(message.value)) as CircularMessageBody);
    expect(bodies.map((body) => body.circularId)).toEqual(['monthly-2026-03', 'monthly-2026-04', 'monthly-2026-03', 'monthly-2026-04', 'monthly-2026-12']);
    const handled = new Map<string, CircularMessageBody>();
    for (const [index, message] of received.entries()) if (!handled.has(eventIdOf(message)!)) handled.set(eventIdOf(message)!, bodies[index]);
    expect([...handled.keys()]).toEqual(appended.map(({ append }) => append.event.id));
    for (const [index, message] of received.entries()) {
      const validateBody = payloadOf('CircularPublished');
      expect({ valid: validateBody(bodies[index]), errors: validateBody.errors ?? null }).toEqual({ valid: true, errors: null });
      expect({ valid: validateHeaders(headerStrings(message.headers)), errors: validateHeaders.errors ?? null }).toEqual({ valid: true, errors: null });
      expect(String(message.key)).toBe(bodies[index].circularId);
      expect(headerStrings(message.headers)).toEqual({ 'event-id': bodies[index].eventId, 'event-type': 'CircularPublished', 'schema-version': '1', 'content-type': 'application/json' });
    }
    expect(handled.get(december.append.event.id)).toEqual({
      eventId: december.append.event.id,
      eventType: 'CircularPublished',
      schemaVersion: 1,
      circularId: 'monthly-2026-12',
      streamId: 'circular-2027',
      revision: 0,
      globalPosition: String(await positionOf('monthly-2026-12')),
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      pdf: '/api/v1/supervision/circulars/monthly-2026-12.pdf',
      data: december.data,
    });
    expect(handled.get(april.append.event.id)).toEqual(expect.objectContaining({ streamId: 'circular-2026', revision: 1, data: april.data }));
    expect(metadata.partitions).toHaveLength(1);
  });
});
