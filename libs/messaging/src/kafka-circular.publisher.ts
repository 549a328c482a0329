import type { CheckpointStore, EventStore, RecordedEvent } from '@app/event-store';
import { STREAM_CATEGORIES } from '@app/issues';
import type { Admin, Kafka, Message, Producer } from 'kafkajs';
import { messageHeadersOf } from './kafka-department.publisher';
import { LogFollower } from './log-follower';

export const KAFKA_CIRCULARS_CHECKPOINT = 'kafka.circulars';
export const DEFAULT_CIRCULARS_TOPIC = 'whistle.circulars';

/** The JSON body of a circular's message: the publication, and where its PDF is read. */
export type CircularMessageBody = {
  eventId: string;
  eventType: string;
  schemaVersion: number;
  circularId: string;
  streamId: string;
  revision: number;
  globalPosition: string;
  recordedAt: string;
  /** The API path of the PDF as published (its SHA-256 is data.pdfSha256). */
  pdf: string;
  data: Record<string, unknown>;
};

export function circularMessageOf(event: RecordedEvent): Message {
  const circularId = String(event.data.circularId);
  const body: CircularMessageBody = {
    eventId: event.id,
    eventType: event.type,
    schemaVersion: event.schemaVersion,
    circularId,
    streamId: event.streamId,
    revision: event.revision,
    globalPosition: event.globalPosition.toString(),
    recordedAt: event.recordedAt.toISOString(),
    pdf: `/api/v1/supervision/circulars/${circularId}.pdf`,
    data: event.data,
  };
  return {
    key: circularId,
    value: JSON.stringify(body),
    headers: messageHeadersOf(event),
  };
}

/**
 * Publishes every CircularPublished to the one circulars topic for the departments' systems, following the
 * `circular` streams from their own checkpoint (at least once, like the department topics: dedupe by event id).
 */
export class KafkaCircularPublisher {
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly follower: LogFollower;
  readonly topic: string;

  constructor(options: {
    kafka: Kafka;
    eventStore: EventStore;
    checkpoints: CheckpointStore;
    topic?: string;
    onError?: (error: unknown) => void;
  }) {
    this.topic = options.topic ?? DEFAULT_CIRCULARS_TOPIC;
    this.producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.admin = options.kafka.admin();
    this.follower = new LogFollower({
      eventStore: options.eventStore,
      checkpoints: options.checkpoints,
      checkpointName: KAFKA_CIRCULARS_CHECKPOINT,
      category: STREAM_CATEGORIES.circular,
      onEvent: (event) => this.publish(event),
      onError: options.onError,
    });
  }

  async start(): Promise<void> {
    await Promise.all([this.producer.connect(), this.admin.connect()]);
    // False (no error) when the topic exists already.
    await this.admin.createTopics({ waitForLeaders: true, topics: [{ topic: this.topic, numPartitions: 1, replicationFactor: -1 }] });
    await this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }

  private async publish(event: RecordedEvent): Promise<void> {
    if (event.type !== 'CircularPublished') return;
    await this.producer.send({ topic: this.topic, messages: [circularMessageOf(event)], acks: -1 });
  }
}
