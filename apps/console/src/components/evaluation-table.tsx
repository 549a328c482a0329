import type { EvaluationFigures } from '../api/types';
import { formatRatio } from '../format/format';
import { t } from '../i18n/dictionary';
import { DataTable } from './data-table';

type Row = EvaluationFigures & { key: string; name: string };

/** The stations' (or streets') evaluation figures, as the 工作站考评 page and a circular show them. */
export function EvaluationTable({ rows, unitHeader, testId }: { rows: Row[]; unitHeader: string; testId: string }) {
  return (
    <DataTable
      testId={testId}
      rows={rows}
      rowKey={(row) => row.key}
      rowAttributes={(row) => ({ 'data-unit': row.key })}
      columns={[
        { header: unitHeader, cell: (row) => row.name },
        { header: t.stations.raised, className: 'number', cell: (row) => row.raised },
        { header: t.stations.closedAtCommunity, className: 'number', cell: (row) => row.closedAtCommunity },
        { header: t.stations.closedAtStreet, className: 'number', cell: (row) => row.closedAtStreet },
        { header: t.stations.whistled, className: 'number', cell: (row) => row.whistled },
        { header: t.stations.closed, className: 'number', cell: (row) => row.closed },
        { header: t.stations.medianDays, className: 'number', cell: (row) => row.medianDaysToClose ?? '—' },
        { header: t.stations.evaluated, className: 'number', cell: (row) => formatRatio(row.evaluated) },
        { header: t.stations.satisfaction, className: 'number', cell: (row) => formatRatio(row.satisfaction) },
        { header: t.stations.awareness, className: 'number', cell: (row) => (row.survey === null ? '—' : formatRatio(row.survey.awareness)) },
        { header: t.stations.surveySatisfaction, className: 'number', cell: (row) => (row.survey === null ? '—' : formatRatio(row.survey.satisfaction)) },
      ]}
    />
  );
}
