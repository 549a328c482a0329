import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IssueEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import { appealStory, whistleStory } from '../../read-models/test/whistle-story.factory';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { departmentTargetsOf, issueRoutingOf, PUBLISHED_EVENT_TYPES } from './department-messages';
import { departmentTopic } from './department-topic';
import { departmentMessageOf } from './kafka-department.publisher';

type AsyncApiDocument = {
  asyncapi: string;
  channels: Record<string, { subscribe: { message: { oneOf: { $ref: string }[] } } }>;
  components: { messages: Record<string, { payload: unknown; traits: unknown[] }>; messageTraits: { DepartmentMessage: { headers: unknown } } };
};

const document = parse(readFileSync(join(__dirname, '../../../docs/asyncapi.yaml'), 'utf8')) as AsyncApiDocument;

/** The story's events as the store would hand them over, with positions. */
const recorded: RecordedEvent[] = (() => {
  const revisions = new Map<string, number>();
  return [...whistleStory('I1', ['water', 'roads', 'parks']), ...appealStory('I1', 'roads')].map(({ streamId, event }, index) => {
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    return {
      ...event,
      metadata: event.metadata ?? {},
      streamId,
      revision,
      globalPosition: BigInt(index + 1),
      recordedAt: new Date(Date.UTC(2025, 2, 3, 1, index)),
      previousHash: '0'.repeat(64),
      hash: '1'.repeat(64),
    };
  });
})();

async function targetsOf(event: RecordedEvent) {
  const before = recorded.filter((e) => e.streamId === event.streamId && e.revision <= event.revision);
  return departmentTargetsOf(event, async () => issueRoutingOf(before.map((e) => toEngineEvent<IssueEvent>(e))));
}

describe('docs/asyncapi.yaml', () => {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  ajv.addSchema(document, 'asyncapi');

  it('is an AsyncAPI document with one department channel', () => {
    expect(document.asyncapi).toMatch(/^2\.6\./);
    expect(Object.keys(document.channels)).toEqual(['whistle.department.{departmentId}']);
  });

  it('has a message for every published event type, offered on the department channel', () => {
    const offered = document.channels['whistle.department.{departmentId}'].subscribe.message.oneOf.map((ref) => ref.$ref.split('/').pop());

    for (const type of PUBLISHED_EVENT_TYPES) {
      expect(document.components.messages).toHaveProperty(type);
      expect(offered).toContain(type);
    }
  });

  it('describes the body and headers the publisher actually sends', async () => {
    const validateHeaders = ajv.compile(document.components.messageTraits.DepartmentMessage.headers as object);
    const publishedTypes = new Set<string>();

    for (const event of recorded) {
      for (const target of await targetsOf(event)) {
        const message = departmentMessageOf(event, target);
        const validateBody = ajv.getSchema(`asyncapi#/components/messages/${event.type}/payload`)!;
        const headers = Object.fromEntries(Object.entries(message.headers!).map(([name, value]) => [name, String(value)]));

        expect({ type: event.type, valid: validateBody(JSON.parse(String(message.value))), errors: validateBody.errors ?? null }).toEqual({ type: event.type, valid: true, errors: null });
        expect(validateHeaders(headers)).toBe(true);
        publishedTypes.add(event.type);
      }
    }
    // The story produces every published type, so the checks above covered each message of the document.
    expect([...publishedTypes].sort()).toEqual([...PUBLISHED_EVENT_TYPES].sort());
  });
});

describe(departmentTargetsOf.name, () => {
  it('routes a whistle to each department, keyed by the issue', async () => {
    const whistle = recorded.find((event) => event.type === 'WhistleBlown')!;

    expect(await targetsOf(whistle)).toEqual([
      { departmentId: 'water', key: 'I1' },
      { departmentId: 'roads', key: 'I1' },
    ]);
  });

  it('finds the department of a recomputed deadline, and sends a closing to every department of the issue', async () => {
    const recomputed = recorded.find((event) => event.type === 'FeedbackDeadlineRecomputed')!;
    const closed = recorded.find((event) => event.type === 'ClosingConfirmed')!;

    expect(await targetsOf(recomputed)).toEqual([{ departmentId: 'roads', key: 'I1' }]);
    expect((await targetsOf(closed)).map((target) => target.departmentId)).toEqual(['water', 'roads', 'parks']);
  });

  it('publishes nothing for events no department acts on', async () => {
    const raised = recorded.find((event) => event.type === 'IssueRaised')!;

    expect(await targetsOf(raised)).toEqual([]);
  });

  it("sends an appeal's decision to its department keyed by the issue, a base-score decision keyed by the department", async () => {
    const overturned = recorded.find((event) => event.type === 'AppealOverturned')!;
    const adjusted = recorded.find((event) => event.type === 'LedgerEntryRecorded' && event.data.reason === 'base-adjusted')!;

    expect(await targetsOf(overturned)).toEqual([{ departmentId: 'roads', key: 'I1' }]);
    expect(await targetsOf(adjusted)).toEqual([{ departmentId: 'roads', key: 'roads' }]);
  });
});

describe(departmentTopic.name, () => {
  it('prefixes the department id and escapes what Kafka does not allow', () => {
    expect(departmentTopic('water')).toBe('whistle.department.water');
    expect(departmentTopic('住建委', 'p.')).toBe('p._4f4f_5efa_59d4');
    expect(departmentTopic('a_b', 'p.')).toBe('p.a_5fb');
    expect(departmentTopic('a_5fb', 'p.')).not.toBe(departmentTopic('a_b', 'p.'));
  });
});
