/** Anything that runs SQL: a pg Pool/Client, or a TypeORM EntityManager / QueryRunner inside a transaction. */
export type SqlExecutor = {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
};

/**
 * Where a consumer of the global log has got to. Save the checkpoint in the same transaction as the effect it
 * covers (pass that transaction's executor) and a crash can never leave the two out of step.
 */
export abstract class CheckpointStore {
  /** The last global position handled by `name`, or undefined when it has never saved one. */
  abstract load(name: string, executor?: SqlExecutor): Promise<bigint | undefined>;
  abstract save(name: string, position: bigint, executor?: SqlExecutor): Promise<void>;
  /** Forgets the checkpoint, so the consumer starts from the beginning (a rebuild). */
  abstract reset(name: string, executor?: SqlExecutor): Promise<void>;
}
