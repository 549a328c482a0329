import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { infraConfig } from '@app/testing';

// Real servers: connecting, bundling workflows and starting a JVM take longer than Jest's 5 s default.
jest.setTimeout(120_000);

describe('local Kafka broker', () => {
  const kafka = new Kafka({ clientId: 'infra-probe', brokers: infraConfig().kafkaBrokers, logLevel: logLevel.WARN });

  it('delivers a produced message to a consumer group that commits its offset', async () => {
    const topic = `infra-probe-${randomUUID()}`;
    const groupId = `infra-probe-group-${randomUUID()}`;
    const whistle = JSON.stringify({ whistleId: randomUUID(), station: 'Fengtai' });

    const admin = kafka.admin();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = kafka.consumer({ groupId });
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });

      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'whistle', value: whistle }] });

      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise<string>((resolve) => {
        void consumer.run({
          autoCommit: false,
          eachMessage: async ({ topic: from, partition, message }) => {
            await consumer.commitOffsets([
              { topic: from, partition, offset: (BigInt(message.offset) + 1n).toString() },
            ]);
            resolve(message.value?.toString() ?? '');
          },
        });
      });

      expect(await received).toBe(whistle);

      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(committed.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '1' })]);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
