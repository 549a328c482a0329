import { join } from 'node:path';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { migrateWaitingForLock } from '@app/event-store';
import { Pool } from 'pg';
import { API_POOL } from '../engine/api-pool';
import { Role } from '../auth/actor';
import { RecordedReadKind } from './recorded-read.decorator';

/** Own bookkeeping table, so the access log's migrations never mix with the event store's. */
export const ACCESS_LOG_MIGRATIONS_TABLE = 'access_log_migrations';

/** The plain SQL migration files; a build must copy this folder next to the compiled code. */
export const ACCESS_LOG_MIGRATIONS_DIR = join(__dirname, 'migrations');

export interface RecordedReadEntry {
  actor: { role: Role; subject: string; scope?: string };
  what: RecordedReadKind;
  /** The route template, e.g. `GET /api/v1/supervision/issues/:issueId/audit-trail`. */
  route: string;
  resourceIds: Record<string, string>;
  clientAddress?: string;
}

export interface AccessLogEntry extends RecordedReadEntry {
  id: string;
  readAt: string;
}

export interface AccessLogFilter {
  page: number;
  pageSize: number;
  subject?: string;
  what?: RecordedReadKind;
}

type AccessLogRow = {
  id: string;
  read_at: Date;
  actor_role: Role;
  actor_subject: string;
  actor_scope: string | null;
  what: RecordedReadKind;
  route: string;
  resource_ids: Record<string, string>;
  client_address: string | null;
  total: string;
};

/** The access log table (migrations in ./migrations, applied on start, waiting while another process migrates). */
@Injectable()
export class AccessLogRepository implements OnModuleInit {
  constructor(@Inject(API_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await migrateWaitingForLock(client, { dir: ACCESS_LOG_MIGRATIONS_DIR, migrationsTable: ACCESS_LOG_MIGRATIONS_TABLE });
    } finally {
      client.release();
    }
  }

  async record(entry: RecordedReadEntry): Promise<void> {
    await this.pool.query(
      `insert into access_log (actor_role, actor_subject, actor_scope, what, route, resource_ids, client_address)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.actor.role, entry.actor.subject, entry.actor.scope ?? null, entry.what, entry.route, JSON.stringify(entry.resourceIds), entry.clientAddress ?? null],
    );
  }

  /** Newest first. */
  async page(filter: AccessLogFilter): Promise<{ items: AccessLogEntry[]; total: number }> {
    const { rows } = await this.pool.query<AccessLogRow>(
      `select *, count(*) over () as total from access_log
       where ($1::text is null or actor_subject = $1) and ($2::text is null or what = $2)
       order by id desc limit $3 offset $4`,
      [filter.subject ?? null, filter.what ?? null, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.count(filter);
    return {
      total,
      items: rows.map((row) => ({
        id: row.id,
        readAt: row.read_at.toISOString(),
        actor: { role: row.actor_role, subject: row.actor_subject, ...(row.actor_scope !== null ? { scope: row.actor_scope } : {}) },
        what: row.what,
        route: row.route,
        resourceIds: row.resource_ids,
        ...(row.client_address !== null ? { clientAddress: row.client_address } : {}),
      })),
    };
  }

  /** A page past the end has no row to carry the total. */
  private async count(filter: AccessLogFilter): Promise<number> {
    const { rows } = await this.pool.query<{ total: number }>(
      `select count(*)::int as total from access_log where ($1::text is null or actor_subject = $1) and ($2::text is null or what = $2)`,
      [filter.subject ?? null, filter.what ?? null],
    );
    return rows[0].total;
  }
}
