import type { IssueEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import { appealStory, whistleStory } from '../../read-models/test/whistle-story.factory';
import { asyncApiValidators, headerStrings } from '../test/asyncapi-document';
import { departmentTargetsOf, issueRoutingOf, PUBLISHED_EVENT_TYPES } from './department-messages';
import { departmentTopic } from './department-topic';
import { circularMessageOf } from './kafka-circular.publisher';
import { departmentMessageOf } from './kafka-department.publisher';

const { document, payloadOf, headers: validateHeaders } = asyncApiValidators();

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
  it('is an AsyncAPI document with the department channel and the circulars channel', () => {
    expect(document.asyncapi).toMatch(/^2\.6\./);
    expect(Object.keys(document.channels)).toEqual(['whistle.department.{departmentId}', 'whistle.circulars']);
  });

  it('describes the circular message the circulars publisher sends', () => {
    const event: RecordedEvent = {
      id: '6f1c7a52-3f0e-4b8e-9a43-2f6d1b0c9e11',
      type: 'CircularPublished',
      schemaVersion: 1,
      data: {
        circularId: 'monthly-2026-03',
        kind: 'monthly',
        period: { from: '2026-03-01', to: '2026-03-31' },
        documentNumber: '大观红领办〔2026〕3号',
        year: 2026,
        sequence: 3,
        issuedOn: '2026-04-01',
        at: '2026-04-01T00:00:00.000Z',
        throughPosition: '1234',
        contentSha256: 'a'.repeat(64),
        pdfSha256: 'b'.repeat(64),
        pdfBytes: 337030,
      },
      metadata: {},
      streamId: 'circular-2026',
      revision: 2,
      globalPosition: 1235n,
      recordedAt: new Date(Date.UTC(2026, 3, 1)),
      previousHash: '0'.repeat(64),
      hash: '1'.repeat(64),
    };
    const message = circularMessageOf(event);
    const validateBody = payloadOf('CircularPublished');
    expect({ valid: validateBody(JSON.parse(String(message.value))), errors: validateBody.errors ?? null }).toEqual({ valid: true, errors: null });
    expect(validateHeaders(headerStrings(message.headers))).toBe(true);
    expect(message.key).toBe('monthly-2026-03');
  });

  it('has a message for every published event type, offered on the department channel', () => {
    const offered = document.channels['whistle.department.{departmentId}'].subscribe.message.oneOf.map((ref) => ref.$ref.split('/').pop());

    for (const type of PUBLISHED_EVENT_TYPES) {
      expect(document.components.messages).toHaveProperty(type);
      expect(offered).toContain(type);
    }
  });

  it('describes the body and headers the publisher actually sends', async () => {
    const publishedTypes = new Set<string>();

    for (const event of recorded) {
      for (const target of await targetsOf(event)) {
        const message = departmentMessageOf(event, target);
        const validateBody = payloadOf(event.type);
        const headers = headerStrings(message.headers);

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

  it('sends a reminder (督办提醒) to the reminded department only', async () => {
    const reminder = recorded.find((event) => event.type === 'FeedbackReminderSent')!;

    expect(await targetsOf(reminder)).toEqual([{ departmentId: 'roads', key: 'I1' }]);
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
