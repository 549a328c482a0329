import { createHash } from 'node:crypto';
import {
  circularContent,
  CircularEvent,
  circularStreamOf,
  documentNumberOf,
  SHANGHAI,
  toIso,
  yearOf,
  type CircularKind,
  type ReportPeriod,
} from '@app/domain';
import type { EventStore } from '@app/event-store';
import { decideAndAppend, derivedEventId, toEngineEvent, toNewEvent } from '@app/issues';
import type { CircularStreamReader, PublishedCircular } from '@app/read-models';
import { CircularDocumentStore } from './circular-document.store';
import { circularHtml, periodLabel } from './circular-html';
import { renderPdf } from './pdf-renderer';

export interface CircularSettings {
  /** 大观区: the district named in the masthead. */
  districtName: string;
  /** The issuing office's prefix of the document number, e.g. 大观红领办 → 大观红领办〔2026〕3号. */
  numberPrefix: string;
  chromiumPath: string;
}

export interface PublishCircularRequest {
  /** Chosen by the caller and stable across its retries: monthly-2026-03, year-end-2026, on-demand-…. */
  circularId: string;
  kind: CircularKind;
  period: ReportPeriod;
  /** The instant of publication: its day in Asia/Shanghai is the issue date, its year numbers the document. */
  at: number;
  actor: { role: string; id?: string };
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Publishes a circular: the period's evidence from the log (CircularStreamReader), its content (libs/domain), the
 * HTML document printed to PDF by Chromium, the document stored, then CircularPublished appended to
 * `circular-<year>` with the next document number of the year. Publishing the same circular id again answers
 * with the publication already made; a concurrent publication in the same year makes it number and print again.
 */
export class CircularPublisher {
  constructor(
    private readonly store: EventStore,
    private readonly reader: CircularStreamReader,
    private readonly documents: CircularDocumentStore,
    private readonly settings: CircularSettings,
  ) {}

  async publish(request: PublishCircularRequest): Promise<PublishedCircular> {
    const earlier = await this.reader.circular(request.circularId);
    if (earlier !== undefined) return earlier;
    const { evidence, chart, throughPosition } = await this.reader.evidence(request.period);
    const content = circularContent(request.kind, evidence, chart);
    const contentSha256 = sha256(JSON.stringify(content));
    const issuedOn = SHANGHAI.localDate(request.at);
    const year = yearOf(issuedOn);
    const streamId = circularStreamOf(year);
    return decideAndAppend(this.store, streamId, undefined, async ({ events, revision }) => {
      const sequence = events.length + 1;
      const already = events.map((e) => toEngineEvent<CircularEvent>(e).data).find((d) => d.circularId === request.circularId);
      if (already !== undefined) return { append: false, answer: { ...already, streamId, revision: revision as number } };
      const documentNumber = documentNumberOf(this.settings.numberPrefix, year, sequence);
      const html = circularHtml(content, { districtName: this.settings.districtName, documentNumber, issuedOn });
      const pdf = await renderPdf(html, { left: `${documentNumber}　${periodLabel(request.period)}` }, this.settings.chromiumPath);
      const pdfSha256 = sha256(pdf);
      await this.documents.put({ circularId: request.circularId, content, contentSha256, pdf, pdfSha256 });
      const event: CircularEvent = {
        type: 'CircularPublished',
        data: {
          circularId: request.circularId,
          kind: request.kind,
          period: request.period,
          documentNumber,
          year,
          sequence,
          issuedOn,
          at: toIso(request.at),
          throughPosition: throughPosition.toString(),
          contentSha256,
          pdfSha256,
          pdfBytes: pdf.length,
        },
      };
      const metadata = { causationId: `circular/${request.circularId}`, actor: request.actor };
      return {
        append: true,
        events: [toNewEvent(event, derivedEventId(`circular/${request.circularId}`), metadata)],
        answer: (next) => ({ ...event.data, streamId, revision: next }),
      };
    });
  }
}
