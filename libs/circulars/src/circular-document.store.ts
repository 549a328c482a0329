import type { CircularContent } from '@app/domain';
import type { Pool } from 'pg';

export type CircularDocument = { circularId: string; content: CircularContent; pdf: Buffer; pdfSha256: string; contentSha256: string };

/** Any fixed key: the advisory lock under which the table is created once. */
const SCHEMA_LOCK_KEY = 7_311_021;

/**
 * The documents of circulars, beside the event store in its database: the PDF as published and its content, by
 * circular id. The event store holds the publication (CircularPublished with both SHA-256s), so a document here
 * can be checked against the log; a document without its publication is a run that did not finish, and the next
 * run for the same circular id writes it again.
 */
export class CircularDocumentStore {
  private ready: Promise<void> | undefined;

  constructor(private readonly pool: Pool) {}

  private ensureSchema(): Promise<void> {
    return (this.ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS circulars`);
        await client.query(
          `CREATE TABLE IF NOT EXISTS circulars.circular_document (
             circular_id text PRIMARY KEY,
             content jsonb NOT NULL,
             content_sha256 text NOT NULL,
             pdf bytea NOT NULL,
             pdf_sha256 text NOT NULL,
             stored_at timestamptz NOT NULL DEFAULT now()
           )`,
        );
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    }));
  }

  async put(document: CircularDocument): Promise<void> {
    await this.ensureSchema();
    await this.pool.query(
      `INSERT INTO circulars.circular_document (circular_id, content, content_sha256, pdf, pdf_sha256) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (circular_id) DO UPDATE SET content = $2, content_sha256 = $3, pdf = $4, pdf_sha256 = $5, stored_at = now()`,
      [document.circularId, JSON.stringify(document.content), document.contentSha256, document.pdf, document.pdfSha256],
    );
  }

  async pdf(circularId: string): Promise<{ pdf: Buffer; pdfSha256: string } | undefined> {
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ pdf: Buffer; pdf_sha256: string }>(
      'SELECT pdf, pdf_sha256 FROM circulars.circular_document WHERE circular_id = $1',
      [circularId],
    );
    return rows.length === 0 ? undefined : { pdf: rows[0].pdf, pdfSha256: rows[0].pdf_sha256 };
  }

  async content(circularId: string): Promise<CircularContent | undefined> {
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ content: CircularContent }>(
      'SELECT content FROM circulars.circular_document WHERE circular_id = $1',
      [circularId],
    );
    return rows[0]?.content;
  }
}
