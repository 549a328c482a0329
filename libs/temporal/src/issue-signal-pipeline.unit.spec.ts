import { RecordedEvent } from '@app/event-store';
import { IssueSignalPipeline } from './issue-signal-pipeline';

let position = 0n;
function recorded(streamId: string, revision: number): RecordedEvent {
  position += 1n;
  return {
    id: `${streamId}/${revision}`,
    type: 'Any',
    schemaVersion: 1,
    data: {},
    metadata: {},
    streamId,
    revision,
    globalPosition: position,
    recordedAt: new Date(0),
    previousHash: '',
    hash: '',
  };
}

/** A signal the test completes by hand, so it decides the order in which Temporal "accepts" them. */
interface PendingSignal {
  issueId: string;
  revisions: number[];
  accept(): void;
  refuse(error: Error): void;
}

function setUp(options: { maxConcurrentSignals?: number } = {}) {
  const signals: PendingSignal[] = [];
  const saved: bigint[] = [];
  const sut = new IssueSignalPipeline({
    issueIdOf: (event) => (event.streamId.startsWith('issue-') ? event.streamId.slice('issue-'.length) : undefined),
    signal: (issueId, events) =>
      new Promise<void>((resolve, reject) => {
        signals.push({ issueId, revisions: events.map((e) => e.revision), accept: resolve, refuse: reject });
      }),
    saveCheckpoint: async (at) => {
      saved.push(at);
    },
    ...options,
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { sut, signals, saved, settle };
}

describe(IssueSignalPipeline.name, () => {
  it('moves the checkpoint only past events accepted together with every event before them', async () => {
    const { sut, signals, saved, settle } = setUp();
    const a0 = recorded('issue-A', 0);
    const b0 = recorded('issue-B', 0);
    await sut.push(a0);
    await sut.push(b0);
    expect(signals.map((s) => s.issueId)).toEqual(['A', 'B']);

    signals[1].accept();
    await settle();
    expect(saved).toEqual([]);
    expect(sut.deliveredUpTo).toBeUndefined();

    signals[0].accept();
    await sut.drain();
    expect(saved).toEqual([b0.globalPosition]);
    expect(sut.deliveredUpTo).toBe(b0.globalPosition);
  });

  it("sends an issue's events waiting behind its signal in flight as one next signal, in revision order", async () => {
    const { sut, signals, settle } = setUp();
    await sut.push(recorded('issue-A', 0));
    await sut.push(recorded('issue-A', 1));
    await sut.push(recorded('issue-A', 2));
    expect(signals.map((s) => s.revisions)).toEqual([[0]]);

    signals[0].accept();
    await settle();
    expect(signals.map((s) => s.revisions)).toEqual([[0], [1, 2]]);
  });

  it('confirms events of other streams at once, in their place in the global order', async () => {
    const { sut, signals, saved } = setUp();
    await sut.push(recorded('issue-A', 0));
    const other = recorded('organisation', 0);
    await sut.push(other);
    signals[0].accept();
    await sut.drain();
    expect(saved).toEqual([other.globalPosition]);
  });

  it('keeps at most the configured number of signals in flight', async () => {
    const { sut, signals, settle } = setUp({ maxConcurrentSignals: 2 });
    for (const issue of ['A', 'B', 'C']) await sut.push(recorded(`issue-${issue}`, 0));
    expect(signals.map((s) => s.issueId)).toEqual(['A', 'B']);
    signals[0].accept();
    await settle();
    expect(signals.map((s) => s.issueId)).toEqual(['A', 'B', 'C']);
  });

  it('fails on a refused signal without moving the checkpoint past it, and refuses further events', async () => {
    const { sut, signals, saved } = setUp();
    const a0 = recorded('issue-A', 0);
    await sut.push(a0);
    await sut.push(recorded('issue-B', 0));
    signals[1].accept();
    signals[0].refuse(new Error('Temporal unreachable'));

    await expect(sut.failed).rejects.toThrow('Temporal unreachable');
    await sut.drain();
    expect(saved).toEqual([]);
    await expect(sut.push(recorded('issue-C', 0))).rejects.toThrow('Temporal unreachable');
  });
});
