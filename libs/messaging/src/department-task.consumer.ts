import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { DEFAULT_DEPARTMENT_TOPIC_PREFIX, departmentTopic } from './department-topic';
import { MESSAGE_HEADERS, type DepartmentMessageBody } from './kafka-department.publisher';

/**
 * Remembers which event ids a consumer has handled. A real department system keeps this next to its own data
 * and marks an id in the same transaction as the effect of the message.
 */
export interface ProcessedEvents {
  has(eventId: string): Promise<boolean>;
  add(eventId: string): Promise<void>;
}

export class InMemoryProcessedEvents implements ProcessedEvents {
  private readonly ids = new Set<string>();

  async has(eventId: string): Promise<boolean> {
    return this.ids.has(eventId);
  }

  async add(eventId: string): Promise<void> {
    this.ids.add(eventId);
  }
}

export type DepartmentTaskConsumerOptions = {
  kafka: Kafka;
  departmentId: string;
  groupId: string;
  onMessage: (body: DepartmentMessageBody) => Promise<void>;
  processed?: ProcessedEvents;
  topicPrefix?: string;
  fromBeginning?: boolean;
};

export function eventIdOf(message: KafkaMessage): string | undefined {
  const header = message.headers?.[MESSAGE_HEADERS.eventId];
  if (header === undefined) return undefined;
  return (Array.isArray(header) ? header[0] : header)?.toString();
}

/**
 * Reads a department's topic and hands each event to `onMessage` once: the publisher delivers at least once, so
 * a message whose event id was already handled is skipped.
 */
export class DepartmentTaskConsumer {
  private readonly consumer: Consumer;
  private readonly processed: ProcessedEvents;
  private duplicates = 0;

  constructor(private readonly options: DepartmentTaskConsumerOptions) {
    this.consumer = options.kafka.consumer({ groupId: options.groupId });
    this.processed = options.processed ?? new InMemoryProcessedEvents();
  }

  /** How many redelivered messages were skipped so far. */
  get skippedDuplicates(): number {
    return this.duplicates;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: departmentTopic(this.options.departmentId, this.options.topicPrefix ?? DEFAULT_DEPARTMENT_TOPIC_PREFIX),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({ eachMessage: ({ message }) => this.handle(message) });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  async handle(message: KafkaMessage): Promise<void> {
    const eventId = eventIdOf(message);
    if (eventId === undefined || message.value === null) return;
    if (await this.processed.has(eventId)) {
      this.duplicates += 1;
      return;
    }
    await this.options.onMessage(JSON.parse(message.value.toString()) as DepartmentMessageBody);
    await this.processed.add(eventId);
  }
}
