import { Client, type ClientConfig } from 'pg';

/** Work one process at a time may do: a partition of a feed, a whole feed, a projection. */
export interface LeasedWork {
  /** Unique among the work leased in the database (its checkpoint name, e.g. `temporal-delivery:issue/3-of-8`). */
  readonly name: string;
  /** Work shared out together: a process holds at most ceil(group size / live processes) of a group. */
  readonly group: string;
  start(): Promise<void>;
  /** Finishes the work in hand and saves its checkpoint, so that the next holder resumes there. */
  stop(): Promise<void>;
}

/** Work begun afresh each time the process takes its lease: `begin` starts it and returns what stops it. */
export function leasedWork(name: string, group: string, begin: () => Promise<{ stop(): Promise<void> }>): LeasedWork {
  let running: { stop(): Promise<void> } | undefined;
  return {
    name,
    group,
    start: async () => {
      running = await begin();
    },
    stop: async () => {
      const stopping = running;
      running = undefined;
      await stopping?.stop();
    },
  };
}

export interface PartitionLeasesOptions {
  /** The lease session's connection: its own, never pooled, since the session is the lease. */
  connection: Omit<ClientConfig, 'application_name'>;
  /** The kind of process sharing the work (`worker`, `projector`): live sessions of one member name are counted. */
  member: string;
  work: readonly LeasedWork[];
  /** How often the process counts the live processes, takes free work and hands back what exceeds its share. */
  intervalMs?: number;
  /** Called with the names held after every change. */
  onChange?: (held: readonly string[]) => void;
  onError?: (error: unknown) => void;
}

/** First key of the two-key advisory locks of leases: apart from every one-key lock (projections, schema). */
const LEASE_LOCK_SPACE = 0x57484c45;

/**
 * Shares work among the live processes of one kind through PostgreSQL session advisory locks: a process that holds
 * the lock of a piece of work does it; PostgreSQL releases the locks of a session whose process died, so the others
 * take the work over from its checkpoint at their next round. The live processes are the sessions named
 * `lease:<member>` in this database; each holds at most its fair share of a group and hands back the rest when
 * another process joins. A lost session stops all held work at once (another process may already hold it).
 * Exclusivity saves capacity, not correctness: every feed and projection stays idempotent, as when one process runs.
 */
export class PartitionLeases {
  private session: Client | undefined;
  private readonly held = new Set<LeasedWork>();
  private round: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly options: PartitionLeasesOptions) {
    if (`lease:${options.member}`.length > 63) throw new Error(`lease member name too long: ${options.member}`);
  }

  /** Takes this process's share at once (all of it when no other process runs), then rebalances every interval. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.rebalance();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    await this.stopHeld([...this.held]);
    await this.closeSession();
  }

  /** Names of the work this process holds now. */
  holding(): string[] {
    return this.options.work.filter((work) => this.held.has(work)).map((work) => work.name);
  }

  /** One round now (after the one under way); the next is scheduled an interval later. */
  rebalance(): Promise<void> {
    clearTimeout(this.timer);
    this.round = this.round.then(async () => {
      if (this.stopped) return;
      const before = this.holding().join(' ');
      try {
        await this.balance(await this.connect());
      } catch (error) {
        this.options.onError?.(error);
        await this.sessionLost();
      }
      if (this.holding().join(' ') !== before) this.options.onChange?.(this.holding());
      if (!this.stopped) this.timer = setTimeout(() => void this.rebalance(), this.options.intervalMs ?? 5000);
    });
    return this.round;
  }

  private async balance(session: Client): Promise<void> {
    const { rows } = await session.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
      [`lease:${this.options.member}`],
    );
    const members = Math.max(1, rows[0].n);
    for (const group of new Set(this.options.work.map((work) => work.group))) {
      const work = this.options.work.filter((w) => w.group === group);
      const share = Math.ceil(work.length / members);
      const held = work.filter((w) => this.held.has(w));
      for (const surplus of held.slice(share)) {
        await this.stopHeld([surplus]);
        await session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LEASE_LOCK_SPACE, surplus.name]);
      }
      let holding = Math.min(held.length, share);
      for (const free of work.filter((w) => !this.held.has(w))) {
        if (holding >= share || this.stopped) break;
        const { rows: locked } = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
          LEASE_LOCK_SPACE,
          free.name,
        ]);
        if (!locked[0].ok) continue;
        try {
          await free.start();
          this.held.add(free);
          holding += 1;
        } catch (error) {
          this.options.onError?.(error);
          await session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LEASE_LOCK_SPACE, free.name]);
        }
      }
    }
  }

  private async connect(): Promise<Client> {
    if (this.session !== undefined) return this.session;
    const session = new Client({ ...this.options.connection, application_name: `lease:${this.options.member}` });
    session.on('error', (error) => {
      this.options.onError?.(error);
      if (this.session === session) void this.sessionLost();
    });
    await session.connect();
    this.session = session;
    return session;
  }

  /** Without its session the process no longer holds any lease: it stops everything and starts over next round. */
  private async sessionLost(): Promise<void> {
    const held = [...this.held];
    await this.closeSession();
    await this.stopHeld(held);
    if (held.length > 0) this.options.onChange?.(this.holding());
  }

  private async stopHeld(work: LeasedWork[]): Promise<void> {
    for (const w of work) this.held.delete(w);
    await Promise.all(work.map((w) => w.stop().catch((error: unknown) => this.options.onError?.(error))));
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.end().catch(() => undefined);
  }
}

/** The partition (0 ‥ count − 1) a key belongs to: FNV-1a of the key, the same in every process. */
export function partitionOf(key: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

/** One of `count` partitions of a feed; the checkpoint key of partition i is `<key>/<i>-of-<count>`. */
export interface FeedPartition {
  index: number;
  count: number;
}

/** The checkpoint key of a feed's partition; the feed's own key when it is not partitioned. */
export function partitionKey(key: string, partition: FeedPartition | undefined): string {
  return partition === undefined || partition.count === 1 ? key : `${key}/${partition.index}-of-${partition.count}`;
}
