import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { IssueEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { toEngineEvent, isIssueEventType } from '@app/issues';
import { departmentTargetsOf, departmentTopic, eventIdOf, issueRoutingOf, KAFKA_PUBLISHER_CHECKPOINT } from '@app/messaging';
import { READ_MODEL_PROJECTIONS, rebuildReadModels } from '@app/read-models';
import { appendStory, createReadModelsHarness, dumpReadModels, type ReadModelsHarness } from '../../../libs/read-models/test/read-models.harness';
import { departmentRegistered, whistleStory, yearEndStory, type StoryAppend } from '../../../libs/read-models/test/whistle-story.factory';
import { deleteTopicsStartingWith, infraConfig, waitFor } from '@app/testing';
import { Kafka, logLevel } from 'kafkajs';

const ROOT = join(__dirname, '../../..');
const DEPARTMENTS = ['water', 'roads', 'parks', 'housing'];
const ISSUES = 40;
const KILLS = 4;
/** A projector started from scratch on a loaded machine takes longer than the default wait. */
const CRASH_WAIT_MS = 90_000;
const CHECKPOINTS = [...READ_MODEL_PROJECTIONS.map((projection) => projection.name), KAFKA_PUBLISHER_CHECKPOINT];

/** Issues interleaved event by event, as concurrent stations and workflows would write them. */
function interleavedStories(): StoryAppend[] {
  const stories = Array.from({ length: ISSUES }, (_, index) => {
    const pick = (offset: number) => DEPARTMENTS[(index + offset) % DEPARTMENTS.length];
    return whistleStory(`C${index}`, [pick(0), pick(1), pick(2)], index * 7);
  });
  const appends: StoryAppend[] = DEPARTMENTS.map(departmentRegistered);
  for (let step = 0; stories.some((story) => step < story.length); step += 1) {
    for (const story of stories) if (step < story.length) appends.push(story[step]);
  }
  return [...appends, ...yearEndStory(2025, DEPARTMENTS)];
}

describe('projector crash (SIGKILL mid-stream, restart)', () => {
  let harness: ReadModelsHarness;
  const topicPrefix = `crash${randomUUID().slice(0, 8)}.`;
  const children = new Set<ChildProcess>();
  const kafka = new Kafka({ clientId: 'projector-crash-test', brokers: infraConfig().kafkaBrokers, logLevel: logLevel.NOTHING });

  function spawnProjector(): ChildProcess {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/projector/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: harness.database.url, KAFKA_TOPIC_PREFIX: topicPrefix, EVENT_STORE: 'postgres', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  }

  /** Resolves when the child logs that its subscriptions are running. */
  async function started(child: ChildProcess): Promise<void> {
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('"projector started"')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`projector exited (${code}) before starting: ${output}`)));
    });
  }

  const positions = async () => Promise.all(CHECKPOINTS.map(async (name) => (await harness.checkpoints.load(name)) ?? 0n));

  beforeAll(async () => {
    harness = await createReadModelsHarness('projector_crash');
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await deleteTopicsStartingWith(kafka, topicPrefix);
    await harness?.teardown();
  });

  it('ends with read models equal to a fresh rebuild and every department message in Kafka', async () => {
    const appends = interleavedStories();
    // One slice of the log is appended while each projector run is alive, so every kill lands mid-stream.
    const sliceSize = Math.ceil(appends.length / KILLS);
    let appending: Promise<void> = Promise.resolve();
    let appendsInFlight = false;
    let killsDuringAppends = 0;

    let killed = 0;
    while (killed < KILLS) {
      const before = await positions();
      const slice = appends.slice(killed * sliceSize, (killed + 1) * sliceSize);
      const child = spawnProjector();
      await started(child);
      appending = appending.then(async () => {
        appendsInFlight = true;
        for (const append of slice) {
          await appendStory(harness.store, [append]);
          await delay(2);
        }
        appendsInFlight = false;
      });
      // Kill it only once it is demonstrably working: some checkpoint moved since the last run.
      await waitFor(async () => (await positions()).some((position, index) => position > before[index]), 'the projector to make progress', CRASH_WAIT_MS);
      await delay(Math.floor(Math.random() * 300));
      if (appendsInFlight) killsDuringAppends += 1;
      child.kill('SIGKILL');
      await once(child, 'exit');
      killed += 1;
    }
    await appending;
    const last = (await harness.store.readAll({ maxCount: 1_000_000 })).at(-1)!.globalPosition;
    const finalRun = spawnProjector();
    await started(finalRun);
    await waitFor(async () => (await positions()).every((position) => position === last), 'every checkpoint to reach the end of the log', CRASH_WAIT_MS);
    finalRun.kill('SIGTERM');
    await once(finalRun, 'exit');

    const afterCrashes = await dumpReadModels(harness.dataSource);
    await rebuildReadModels({ dataSource: harness.dataSource, eventStore: harness.store, checkpoints: harness.checkpoints });
    const rebuilt = await dumpReadModels(harness.dataSource);

    expect(killed).toBe(KILLS);
    expect(afterCrashes.audit_event).toHaveLength(appends.length);
    expect(afterCrashes).toEqual(rebuilt);

    const expected = new Set<string>();
    const events: RecordedEvent[] = await harness.store.readAll({ maxCount: 1_000_000 });
    for (const event of events) {
      const routing = async () =>
        issueRoutingOf(
          events
            .filter((e) => e.streamId === event.streamId && e.revision <= event.revision && isIssueEventType(e.type))
            .map((e) => toEngineEvent<IssueEvent>(e)),
        );
      for (const target of await departmentTargetsOf(event, routing)) expected.add(`${departmentTopic(target.departmentId, topicPrefix)} ${event.id}`);
    }
    const received = new Set<string>();
    let messages = 0;
    const consumer = kafka.consumer({ groupId: `verify-${topicPrefix}` });
    await consumer.connect();
    await consumer.subscribe({ topics: DEPARTMENTS.map((department) => departmentTopic(department, topicPrefix)), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        messages += 1;
        received.add(`${topic} ${eventIdOf(message)}`);
      },
    });
    await waitFor(async () => [...expected].every((key) => received.has(key)), 'every expected message to be consumed', CRASH_WAIT_MS).catch(() => undefined);
    await consumer.disconnect();

    const missing = [...expected].filter((key) => !received.has(key));
    const unexpected = [...received].filter((key) => !expected.has(key));
    process.stdout.write(`crash test: ${killed} SIGKILLs (${killsDuringAppends} while appending), ${events.length} events, ${expected.size} department messages expected, ${messages} received (${messages - received.size} redelivered)\n`);
    expect(expected.size).toBeGreaterThan(ISSUES * 10);
    expect(missing).toEqual([]);
    expect(unexpected).toEqual([]);
  });
});
