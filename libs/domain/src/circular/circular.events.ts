import { IsoInstant } from '../time/instant';
import { LocalDate } from '../time/local-date';
import { CircularKind } from './circular-content';
import { ReportPeriod } from './report-period';

/**
 * A circular (通报) was published: its document is stored beside the event store, and the event carries the
 * SHA-256 of the PDF (and of its content as JSON) so that anyone can check the document they hold. Stream
 * `circular-<year of issue>`: the stream's revision gives the document's sequence number in that year.
 */
export type CircularEvent = {
  type: 'CircularPublished';
  data: {
    circularId: string;
    kind: CircularKind;
    period: ReportPeriod;
    /** e.g. 大观红领办通〔2026〕3号 */
    documentNumber: string;
    year: number;
    sequence: number;
    issuedOn: LocalDate;
    at: IsoInstant;
    /** The store's global position read up to: the content is that of the log up to there. */
    throughPosition: string;
    contentSha256: string;
    pdfSha256: string;
    pdfBytes: number;
  };
};

export const CIRCULAR_EVENT_SCHEMA_VERSIONS: Record<CircularEvent['type'], number> = { CircularPublished: 1 };

export const circularStreamOf = (year: number) => `circular-${year}`;

/** The document number of the `sequence`-th circular issued in `year` (〔year〕N号 after the issuing office's prefix). */
export const documentNumberOf = (prefix: string, year: number, sequence: number) => `${prefix}〔${year}〕${sequence}号`;
