import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { API_POOL } from '../engine/api-pool';

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type IdempotencyClaim =
  { kind: 'claimed' } | { kind: 'replay'; requestHash: string; response: StoredResponse } | { kind: 'in-progress'; requestHash: string };

/** A claim left pending this long (a crashed request) may be taken over by a retry. */
const STALE_PENDING_MS = 60_000;

/** Idempotency-Key records: key + request hash + the response given, in PostgreSQL next to the events. */
@Injectable()
export class IdempotencyRepository implements OnModuleInit {
  constructor(@Inject(API_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await this.pool.query(`
      create table if not exists api_idempotency_keys (
        scope text not null,
        key text not null,
        request_hash text not null,
        status integer,
        response jsonb,
        created_at timestamptz not null default now(),
        completed_at timestamptz,
        primary key (scope, key)
      )`);
  }

  /** Claims (scope, key) for this request, or tells what an earlier request with that key left. */
  async claim(scope: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const inserted = await this.pool.query(
      `insert into api_idempotency_keys (scope, key, request_hash) values ($1, $2, $3)
       on conflict (scope, key) do update set request_hash = excluded.request_hash, created_at = now()
         where api_idempotency_keys.status is null and api_idempotency_keys.created_at < now() - ($4 || ' milliseconds')::interval
       returning key`,
      [scope, key, requestHash, String(STALE_PENDING_MS)],
    );
    if (inserted.rowCount === 1) return { kind: 'claimed' };
    const existing = await this.pool.query<{ request_hash: string; status: number | null; response: StoredResponse | null }>(
      'select request_hash, status, response from api_idempotency_keys where scope = $1 and key = $2',
      [scope, key],
    );
    const row = existing.rows[0];
    if (row === undefined) return this.claim(scope, key, requestHash);
    if (row.status === null || row.response === null) return { kind: 'in-progress', requestHash: row.request_hash };
    return { kind: 'replay', requestHash: row.request_hash, response: row.response };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(
      'update api_idempotency_keys set status = $3, response = $4, completed_at = now() where scope = $1 and key = $2',
      [scope, key, response.status, JSON.stringify(response)],
    );
  }

  /** Frees a claim whose request failed unexpectedly, so a retry runs it again. */
  async release(scope: string, key: string): Promise<void> {
    await this.pool.query('delete from api_idempotency_keys where scope = $1 and key = $2 and status is null', [scope, key]);
  }
}
