import { RecordedEvent } from '@app/event-store';

export interface IssueSignalPipelineOptions {
  /** Signals one issue's events (in revision order) to its workflow; resolves once the server accepted them. */
  signal(issueId: string, events: RecordedEvent[]): Promise<void>;
  /** Saves the position up to which every event was accepted (called one at a time, positions increasing). */
  saveCheckpoint(position: bigint): Promise<void>;
  /** Issue id of an event's stream, or undefined when the event is not for an issue workflow. */
  issueIdOf(event: RecordedEvent): string | undefined;
  /** Signals in flight at once (one per issue). */
  maxConcurrentSignals?: number;
  /** Events handed over but not yet accepted before push() waits: back-pressure on the subscription. */
  maxPendingEvents?: number;
  /** Events carried by one signal. */
  maxBatch?: number;
}

/**
 * Signals many issue workflows at once while keeping invariant 4: each issue has at most one signal in flight,
 * carrying its waiting events in revision order, and the checkpoint only moves past an event once it and every
 * event before it in the global log were accepted. A crash redelivers from there; workflows drop revisions seen.
 */
export class IssueSignalPipeline {
  private readonly waiting = new Map<string, RecordedEvent[]>();
  /** Issues with events waiting or a signal in flight; `ready` holds those whose turn to signal has come. */
  private readonly scheduled = new Set<string>();
  private readonly ready: string[] = [];
  /** Positions handed over and not yet passed by the checkpoint, in global order; `accepted` marks the done ones. */
  private readonly unconfirmed: bigint[] = [];
  private unconfirmedStart = 0;
  private readonly accepted = new Set<bigint>();
  private running = 0;
  private saving: Promise<void> = Promise.resolve();
  private savedUpTo: bigint | undefined;
  private confirmedUpTo: bigint | undefined;
  private failure: { error: unknown } | undefined;
  private closed = false;
  private wakeUps: (() => void)[] = [];
  /** Rejects with the first signal or checkpoint error: the caller resubscribes from the saved checkpoint. */
  readonly failed: Promise<never>;
  private fail!: (error: unknown) => void;

  constructor(private readonly options: IssueSignalPipelineOptions) {
    this.failed = new Promise<never>((_, reject) => {
      this.fail = reject;
    });
    this.failed.catch(() => undefined);
  }

  /** The position up to which every event was accepted by Temporal. */
  get deliveredUpTo(): bigint | undefined {
    return this.confirmedUpTo;
  }

  /** Hands one event over (in global order); waits while too many are pending, rejects once the pipeline failed. */
  async push(event: RecordedEvent): Promise<void> {
    this.throwIfFailed();
    this.unconfirmed.push(event.globalPosition);
    const issueId = this.options.issueIdOf(event);
    if (issueId === undefined) {
      this.confirm([event.globalPosition]);
    } else {
      const queue = this.waiting.get(issueId);
      if (queue === undefined) this.waiting.set(issueId, [event]);
      else queue.push(event);
      if (!this.scheduled.has(issueId)) {
        this.scheduled.add(issueId);
        this.ready.push(issueId);
        this.pump();
      }
    }
    while (this.pending() >= (this.options.maxPendingEvents ?? 2000) && this.failure === undefined && !this.closed) {
      await new Promise<void>((resolve) => this.wakeUps.push(resolve));
    }
    this.throwIfFailed();
  }

  /** Waits until every event handed over was signalled and its checkpoint saved (or the pipeline failed). */
  async drain(): Promise<void> {
    while (this.pending() > 0 && this.failure === undefined) {
      await new Promise<void>((resolve) => this.wakeUps.push(resolve));
    }
    await this.saving;
  }

  /** Stops saving checkpoints (a newer subscription took over after a failure). */
  close(): void {
    this.closed = true;
    this.wake();
  }

  private pending(): number {
    return this.unconfirmed.length - this.unconfirmedStart;
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }

  private pump(): void {
    const limit = this.options.maxConcurrentSignals ?? 32;
    while (this.running < limit && this.ready.length > 0 && this.failure === undefined) {
      const issueId = this.ready.shift() as string;
      const queue = this.waiting.get(issueId) ?? [];
      const batch = queue.splice(0, this.options.maxBatch ?? 100);
      if (queue.length === 0) this.waiting.delete(issueId);
      this.running += 1;
      this.options.signal(issueId, batch).then(
        () => {
          this.running -= 1;
          if (this.waiting.has(issueId)) this.ready.push(issueId);
          else this.scheduled.delete(issueId);
          this.confirm(batch.map((e) => e.globalPosition));
          this.pump();
        },
        (error: unknown) => {
          this.running -= 1;
          this.abort(error);
        },
      );
    }
  }

  private confirm(positions: bigint[]): void {
    for (const position of positions) this.accepted.add(position);
    let advanced: bigint | undefined;
    while (this.unconfirmedStart < this.unconfirmed.length && this.accepted.delete(this.unconfirmed[this.unconfirmedStart])) {
      advanced = this.unconfirmed[this.unconfirmedStart];
      this.unconfirmedStart += 1;
    }
    if (this.unconfirmedStart > 4096) {
      this.unconfirmed.splice(0, this.unconfirmedStart);
      this.unconfirmedStart = 0;
    }
    if (advanced === undefined) return;
    this.confirmedUpTo = advanced;
    this.scheduleSave();
    this.wake();
  }

  /** One save at a time, always of the latest confirmed position: a burst of confirmations costs one write. */
  private scheduleSave(): void {
    this.saving = this.saving.then(async () => {
      const position = this.confirmedUpTo;
      if (this.closed || this.failure !== undefined || position === undefined || position === this.savedUpTo) return;
      try {
        await this.options.saveCheckpoint(position);
        this.savedUpTo = position;
      } catch (error) {
        this.abort(error);
      }
    });
  }

  private abort(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = { error };
    this.fail(error);
    this.wake();
  }

  private wake(): void {
    const wakeUps = this.wakeUps;
    this.wakeUps = [];
    for (const wakeUp of wakeUps) wakeUp();
  }
}
