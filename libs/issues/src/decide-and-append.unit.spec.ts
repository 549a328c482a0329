import { AppendOptions, AppendResult, EventStore, NewEvent, RecordedEvent, WrongExpectedRevisionError } from '@app/event-store';
import { decideAndAppend, MAX_APPEND_ATTEMPTS, requirePinnedRevision, StreamDecision, StreamRead } from './decide-and-append';

const event = (id: string): NewEvent => ({ id, type: 'Noted', schemaVersion: 1, data: {}, metadata: {} });

/** A one-stream store whose appends fail with a conflict while `conflicts` lasts; any other call fails the test. */
class OneStream {
  readonly stored: RecordedEvent[] = [];
  readonly appends: AppendOptions[] = [];
  conflicts = 0;

  asStore(): EventStore {
    return new Proxy({} as EventStore, {
      get: (_, name) => {
        if (name === 'readStream') return async () => [...this.stored];
        if (name === 'appendToStream')
          return async (streamId: string, events: NewEvent[], options: AppendOptions) => this.append(streamId, events, options);
        throw new Error(`unexpected EventStore.${String(name)}`);
      },
    });
  }

  private append(streamId: string, events: NewEvent[], options: AppendOptions): AppendResult {
    this.appends.push(options);
    if (this.conflicts > 0) {
      this.conflicts -= 1;
      // Another writer got there first: its event is now in the stream.
      this.record(streamId, event(`other-${this.stored.length}`));
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision as number, this.stored.length - 1);
    }
    events.forEach((e) => this.record(streamId, e));
    return { nextExpectedRevision: this.stored.length - 1, lastGlobalPosition: BigInt(this.stored.length) };
  }

  private record(streamId: string, e: NewEvent): void {
    const revision = this.stored.length;
    this.stored.push({
      ...e,
      metadata: e.metadata ?? {},
      streamId,
      revision,
      globalPosition: BigInt(revision + 1),
      recordedAt: new Date(0),
      previousHash: '',
      hash: '',
    });
  }
}

const appendOne =
  (reads: StreamRead[]) =>
  (read: StreamRead): StreamDecision<number> => {
    reads.push(read);
    return { append: true, events: [event(`mine-${reads.length}`)], answer: (revision) => revision };
  };

describe(decideAndAppend.name, () => {
  it('appends at the revision it read and answers with the new one', async () => {
    const sut = new OneStream();
    const reads: StreamRead[] = [];
    expect(await decideAndAppend(sut.asStore(), 's-1', undefined, appendOne(reads))).toBe(0);
    expect(sut.appends).toEqual([{ expectedRevision: 'no_stream' }]);
  });

  it('decides again on a fresh read after a concurrent writer', async () => {
    const sut = new OneStream();
    sut.conflicts = 2;
    const reads: StreamRead[] = [];
    expect(await decideAndAppend(sut.asStore(), 's-1', undefined, appendOne(reads))).toBe(2);
    expect(reads.map((r) => r.revision)).toEqual([undefined, 0, 1]);
    expect(sut.stored.map((e) => e.id)).toEqual(['other-0', 'other-1', 'mine-3']);
  });

  it(`gives up after ${MAX_APPEND_ATTEMPTS} conflicts`, async () => {
    const sut = new OneStream();
    sut.conflicts = MAX_APPEND_ATTEMPTS;
    await expect(decideAndAppend(sut.asStore(), 's-1', undefined, appendOne([]))).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(sut.appends).toHaveLength(MAX_APPEND_ATTEMPTS);
  });

  it('answers a caller who pinned the revision with the conflict instead of deciding again', async () => {
    const sut = new OneStream();
    sut.conflicts = 1;
    const reads: StreamRead[] = [];
    await expect(decideAndAppend(sut.asStore(), 's-1', -1, appendOne(reads))).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(reads).toHaveLength(1);
  });

  it('appends nothing when the decision is an answer', async () => {
    const sut = new OneStream();
    expect(await decideAndAppend(sut.asStore(), 's-1', undefined, () => ({ append: false, answer: 'done' }))).toBe('done');
    expect(sut.appends).toEqual([]);
  });
});

describe(requirePinnedRevision.name, () => {
  it('refuses another revision than the one pinned, and passes the same one or none', () => {
    expect(() => requirePinnedRevision('s-1', 3, 4)).toThrow(WrongExpectedRevisionError);
    expect(() => requirePinnedRevision('s-1', 3, 'no_stream')).toThrow(WrongExpectedRevisionError);
    expect(() => requirePinnedRevision('s-1', 3, 3)).not.toThrow();
    expect(() => requirePinnedRevision('s-1', undefined, 4)).not.toThrow();
  });
});
