import type { IssueEvent } from '@app/domain';
import type { CheckpointStore, EventStore, RecordedEvent } from '@app/event-store';
import { isIssueEventType, issueIdOfStream, toEngineEvent } from '@app/issues';
import type { Admin, Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { DEPARTMENT_REGISTRATION_TYPES, departmentTargetsOf, issueRoutingOf, type DepartmentMessageTarget } from './department-messages';
import { DEFAULT_DEPARTMENT_TOPIC_PREFIX, departmentTopic } from './department-topic';
import { LogFollower } from './log-follower';

export const KAFKA_PUBLISHER_CHECKPOINT = 'kafka.department-topics';

/** The JSON body of every department message. */
export type DepartmentMessageBody = {
  eventId: string;
  eventType: string;
  schemaVersion: number;
  departmentId: string;
  issueId: string | null;
  streamId: string;
  revision: number;
  globalPosition: string;
  recordedAt: string;
  data: Record<string, unknown>;
};

export const MESSAGE_HEADERS = { eventId: 'event-id', eventType: 'event-type', schemaVersion: 'schema-version' } as const;

export type KafkaDepartmentPublisherOptions = {
  kafka: Kafka;
  eventStore: EventStore;
  checkpoints: CheckpointStore;
  topicPrefix?: string;
  checkpointName?: string;
  /** Partitions of a new department topic; one issue always maps to one partition through its key. */
  partitions?: number;
  onError?: (error: unknown) => void;
};

/** The Kafka message of one event for one department: JSON body, issue id as key, event id in the headers. */
export function departmentMessageOf(event: RecordedEvent, { departmentId, key }: DepartmentMessageTarget): Message {
  const issueId = issueIdOfStream(event.streamId) ?? (typeof event.data.issueId === 'string' ? event.data.issueId : null);
  const body: DepartmentMessageBody = {
    eventId: event.id,
    eventType: event.type,
    schemaVersion: event.schemaVersion,
    departmentId,
    issueId,
    streamId: event.streamId,
    revision: event.revision,
    globalPosition: event.globalPosition.toString(),
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
  };
  return {
    key,
    value: JSON.stringify(body),
    headers: messageHeadersOf(event),
  };
}

/** The headers of every message the engine sends: the event id to dedupe by, its type and schema version. */
export function messageHeadersOf(event: RecordedEvent): Record<string, string> {
  return {
    [MESSAGE_HEADERS.eventId]: event.id,
    [MESSAGE_HEADERS.eventType]: event.type,
    [MESSAGE_HEADERS.schemaVersion]: String(event.schemaVersion),
    'content-type': 'application/json',
  };
}

/**
 * Publishes routed tasks, deadlines and outcomes to each department's topic, following the global log from a
 * checkpoint that is saved only after Kafka has acknowledged the send (acks = all, idempotent producer). A crash
 * between the two re-sends the event on restart: delivery is at least once and consumers dedupe by event id.
 */
export class KafkaDepartmentPublisher {
  private readonly topicPrefix: string;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly knownTopics = new Set<string>();
  private readonly follower: LogFollower;

  constructor(private readonly options: KafkaDepartmentPublisherOptions) {
    this.topicPrefix = options.topicPrefix ?? DEFAULT_DEPARTMENT_TOPIC_PREFIX;
    this.follower = new LogFollower({
      eventStore: options.eventStore,
      checkpoints: options.checkpoints,
      checkpointName: options.checkpointName ?? KAFKA_PUBLISHER_CHECKPOINT,
      onEvent: (event) => this.publish(event),
      onError: options.onError,
    });
    this.producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.admin = options.kafka.admin();
  }

  async start(): Promise<void> {
    await Promise.all([this.producer.connect(), this.admin.connect()]);
    for (const topic of await this.admin.listTopics()) this.knownTopics.add(topic);
    await this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }

  /** Publishes one event (if it concerns departments) and then moves the checkpoint past it. */
  async publishAndCheckpoint(event: RecordedEvent): Promise<void> {
    await this.follower.handleAndCheckpoint(event);
  }

  private async publish(event: RecordedEvent): Promise<void> {
    if (DEPARTMENT_REGISTRATION_TYPES.includes(event.type) && typeof event.data.id === 'string') {
      await this.ensureTopics([event.data.id]);
      return;
    }
    const targets = await departmentTargetsOf(event, () => this.routingBefore(event));
    if (targets.length === 0) return;
    await this.ensureTopics(targets.map((target) => target.departmentId));
    const topicMessages: TopicMessages[] = targets.map((target) => ({
      topic: departmentTopic(target.departmentId, this.topicPrefix),
      messages: [departmentMessageOf(event, target)],
    }));
    await this.producer.sendBatch({ topicMessages, acks: -1 });
  }

  /** The issue's routing as it stood when the event was written: its own stream up to that revision. */
  private async routingBefore(event: RecordedEvent) {
    const events = await this.options.eventStore.readStream(event.streamId, { maxCount: event.revision + 1 });
    return issueRoutingOf(events.filter((e) => isIssueEventType(e.type)).map((e) => toEngineEvent<IssueEvent>(e)));
  }

  private async ensureTopics(departmentIds: readonly string[]): Promise<void> {
    const missing = [...new Set(departmentIds.map((id) => departmentTopic(id, this.topicPrefix)))].filter((topic) => !this.knownTopics.has(topic));
    if (missing.length === 0) return;
    // createTopics answers false (no error) for a topic that already exists, e.g. created by another instance.
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions ?? 3, replicationFactor: -1 })),
    });
    for (const topic of missing) this.knownTopics.add(topic);
  }
}
