import type { Kafka } from 'kafkajs';

/** Deletes the topics a test created, named by its own prefix, so the shared broker does not fill up. */
export async function deleteTopicsStartingWith(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
