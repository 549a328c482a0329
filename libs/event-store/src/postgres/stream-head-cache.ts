/** The last revision of a stream this process knows of, and its hash. */
export type StreamHead = { revision: number; hash: string };

/**
 * Recently seen stream heads, so that an append can be hash-chained before it is sent and cost one round trip.
 * Only a guess: the database refuses a batch that does not link to the stream's actual head, and the append is
 * then chained again onto the head it reports. Bounded; the oldest entry is dropped first.
 */
export class StreamHeadCache {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): StreamHead | undefined {
    return this.heads.get(streamId);
  }

  /** Keeps the highest revision seen (a read of older events must not replace a newer head). */
  remember(streamId: string, head: StreamHead): void {
    const known = this.heads.get(streamId);
    if (known !== undefined && known.revision > head.revision) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }
}
