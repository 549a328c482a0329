import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiGetBlob, apiPost, ApiProblem, type Problem } from '../api/client';
import type { Circular, CircularContent, CircularList, CircularStarted } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart } from '../components/chart';
import { barAxisMin } from '../components/chart-axis';
import { DataTable } from '../components/data-table';
import { EvaluationTable } from '../components/evaluation-table';
import { PeriodPicker, type PeriodValue } from '../components/period-picker';
import { Loaded } from '../components/problem-view';
import { formatInstant, formatPoints, formatRatio, today } from '../format/format';
import { t } from '../i18n/dictionary';

const POLL_MS = 2000;
const MAX_POLLS = 60;
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

async function openPdf(circularId: string): Promise<void> {
  const url = URL.createObjectURL(await apiGetBlob(`/supervision/circulars/${circularId}.pdf`));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${circularId}.pdf`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Every circular published, and a circular on demand for any period. */
export function CircularsPage() {
  const [reload, setReload] = useState(0);
  const [period, setPeriod] = useState<PeriodValue>({ from: `${today().slice(0, 7)}-01`, to: today() });
  const [pending, setPending] = useState<{ circularId: string; polls: number } | undefined>();
  const [refused, setRefused] = useState<Problem | undefined>();
  const circulars = useApi<CircularList>('/supervision/circulars', {}, reload);
  const published = pending !== undefined && (circulars.data?.items ?? []).some((c) => c.circularId === pending.circularId);

  useEffect(() => {
    if (pending === undefined || published || pending.polls >= MAX_POLLS) return;
    const timer = setTimeout(() => {
      setPending({ ...pending, polls: pending.polls + 1 });
      setReload((n) => n + 1);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, published]);

  async function generate(): Promise<void> {
    setRefused(undefined);
    try {
      const started = await apiPost<CircularStarted>('/supervision/circulars', period);
      setPending({ circularId: started.circularId, polls: 0 });
    } catch (error) {
      setRefused(error instanceof ApiProblem ? error.problem : { status: 0, title: String(error) });
    }
  }

  return (
    <>
      <h1>{t.circulars.title}</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void generate();
        }}
      >
        <PeriodPicker period={period} onChange={setPeriod} />
        <button type="submit">{t.circulars.generate}</button>
      </form>
      {pending !== undefined && !published && (
        <p role="status" data-testid="circular-pending">
          {t.circulars.generating(pending.circularId)}
        </p>
      )}
      {refused !== undefined && (
        <p role="alert">
          {t.circulars.generateRefused(String(refused.status))}
          {refused.detail ?? refused.title}
        </p>
      )}
      <Loaded state={circulars}>
        {(data) => (
          <DataTable
            testId="circulars"
            rows={data.items}
            rowKey={(row) => row.circularId}
            rowAttributes={(row) => ({ 'data-circular': row.circularId })}
            columns={[
              { header: t.circulars.documentNumber, cell: (row) => <Link to={`/circulars/${row.circularId}`}>{row.documentNumber}</Link> },
              { header: t.circulars.kind, cell: (row) => t.circulars.kinds[row.kind] ?? row.kind },
              { header: t.circulars.period, cell: (row) => `${row.period.from} — ${row.period.to}` },
              { header: t.circulars.issuedOn, cell: (row) => row.issuedOn },
              {
                header: t.circulars.pdf,
                cell: (row) => (
                  <button type="button" className="secondary" onClick={() => void openPdf(row.circularId)}>
                    {t.circulars.downloadPdf}
                  </button>
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}

function CircularBody({ circular, content }: { circular: Circular; content: CircularContent }) {
  const final = content.ranking.kind === 'final';
  const names = new Map(content.departments.map((d) => [d.departmentId, d.name]));
  const byMisses = [...content.departments].sort(
    (a, b) => b.onTimeFeedback.whole - b.onTimeFeedback.part - (a.onTimeFeedback.whole - a.onTimeFeedback.part),
  );
  const rankingRows = [...content.ranking.rows].reverse();
  return (
    <>
      <h1>
        {t.circulars.kinds[circular.kind]} {circular.documentNumber}
      </h1>
      <p>
        {t.circulars.period}：{circular.period.from} — {circular.period.to} · {t.circulars.issuedOn}：{circular.issuedOn} ·{' '}
        <button type="button" className="secondary" onClick={() => void openPdf(circular.circularId)}>
          {t.circulars.downloadPdf}
        </button>
      </p>
      <p className="small">
        {t.circulars.sha256}：<code>{circular.pdfSha256}</code> · {formatInstant(circular.at)}
      </p>
      <h2>{t.circulars.totals}</h2>
      <dl className="facts" data-testid="circular-totals">
        <dt>{t.circulars.raised}</dt>
        <dd>{content.totals.issuesRaised}</dd>
        <dt>{t.circulars.closed}</dt>
        <dd>{content.totals.issuesClosed}</dd>
        <dt>{t.circulars.whistled}</dt>
        <dd>{content.totals.issuesWhistled}</dd>
        <dt>{t.circulars.onTime}</dt>
        <dd>{formatRatio(content.totals.onTimeFeedback)}</dd>
        <dt>{t.circulars.awards}</dt>
        <dd>{formatPoints(content.totals.awards)}</dd>
        <dt>{t.circulars.deductions}</dt>
        <dd>{formatPoints(content.totals.deductions)}</dd>
        <dt>{t.circulars.interviews}</dt>
        <dd>{content.totals.interviews}</dd>
        <dt>{t.circulars.overdue}</dt>
        <dd>{content.totals.overdueIssues}</dd>
      </dl>
      <h2>{t.circulars.ranking(content.rankingYear, final)}</h2>
      <DataTable
        testId="circular-ranking"
        rows={content.ranking.rows}
        rowKey={(row) => row.department}
        columns={[
          { header: t.circulars.rank, className: 'number', cell: (row) => row.rank },
          { header: t.common.department, cell: (row) => row.name },
          { header: t.circulars.total, className: 'number', cell: (row) => row.total },
        ]}
      />
      <Chart
        label={t.circulars.rankingChart}
        testId="circular-ranking-chart"
        height={Math.max(160, 40 + rankingRows.length * 26)}
        option={{
          grid: { left: 110, right: 48, top: 8, bottom: 24 },
          xAxis: { type: 'value', min: barAxisMin },
          yAxis: { type: 'category', data: rankingRows.map((r) => r.name) },
          series: [{ type: 'bar', data: rankingRows.map((r) => r.total), label: { show: true, position: 'right' } }],
        }}
      />
      <h2>{t.circulars.departments}</h2>
      <DataTable
        testId="circular-departments"
        rows={content.departments}
        rowKey={(row) => row.departmentId}
        columns={[
          { header: t.common.department, cell: (row) => row.name },
          { header: t.circulars.total, className: 'number', cell: (row) => row.total },
          { header: t.circulars.awards, className: 'number', cell: (row) => formatPoints(row.awards) },
          { header: t.circulars.deductions, className: 'number', cell: (row) => formatPoints(row.deductions) },
          { header: t.circulars.interviews, className: 'number', cell: (row) => row.interviews },
          { header: t.circulars.onTime, className: 'number', cell: (row) => formatRatio(row.onTimeFeedback) },
          { header: t.circulars.resolution, className: 'number', cell: (row) => formatRatio(row.resolution) },
          { header: t.circulars.satisfaction, className: 'number', cell: (row) => formatRatio(row.satisfaction) },
        ]}
      />
      <h2>{t.circulars.trend}</h2>
      <Chart
        label={t.circulars.trendChart}
        testId="circular-trend-chart"
        option={{
          grid: { left: 48, right: 16, top: 24, bottom: 32 },
          xAxis: { type: 'category', data: content.onTimeTrend.map((m) => m.month) },
          yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
          series: [{ type: 'line', data: content.onTimeTrend.map((m) => percent(m.onTimeFeedback.rate)), label: { show: true, formatter: '{c}%' } }],
        }}
      />
      <h2>{t.circulars.misses}</h2>
      <Chart
        label={t.circulars.missesChart}
        testId="circular-misses-chart"
        option={{
          grid: { left: 48, right: 16, top: 24, bottom: 48 },
          xAxis: { type: 'category', data: byMisses.map((d) => d.name), axisLabel: { interval: 0, rotate: 30 } },
          yAxis: { type: 'value', minInterval: 1 },
          series: [{ type: 'bar', data: byMisses.map((d) => d.onTimeFeedback.whole - d.onTimeFeedback.part), label: { show: true, position: 'top' } }],
        }}
      />
      <h2>
        {t.circulars.overdue}（{t.circulars.overdueListed(content.overdue.total, content.overdue.listed.length)}）
      </h2>
      <DataTable
        testId="circular-overdue"
        rows={content.overdue.listed}
        rowKey={(row) => row.issueId}
        columns={[
          { header: t.circulars.issue, cell: (row) => `${row.issueId} ${row.title}` },
          { header: t.common.station, cell: (row) => row.stationName },
          { header: t.common.department, cell: (row) => row.departments.map((d) => names.get(d) ?? d).join('、') },
          { header: t.circulars.missedDeadlines, className: 'number', cell: (row) => row.missedDeadlines },
          { header: t.circulars.firstMissedDue, cell: (row) => formatInstant(row.firstMissedDue) },
        ]}
      />
      <h2>{t.circulars.stations}</h2>
      <EvaluationTable testId="circular-stations" unitHeader={t.common.station} rows={content.stations.map((s) => ({ ...s, key: s.stationId }))} />
      <EvaluationTable
        testId="circular-streets"
        unitHeader={t.common.street}
        rows={[...content.streets.map((s) => ({ ...s, key: s.streetId })), { ...content.district, key: 'district', name: t.stations.district }]}
      />
    </>
  );
}

/** One circular as published: the same content as its PDF, as an HTML page. */
export function CircularPage() {
  const { circularId = '' } = useParams();
  const circular = useApi<Circular>(`/supervision/circulars/${circularId}`);
  const content = useApi<CircularContent>(`/supervision/circulars/${circularId}/content`);
  return (
    <Loaded state={circular}>
      {(metadata) => <Loaded state={content}>{(body) => <CircularBody circular={metadata} content={body} />}</Loaded>}
    </Loaded>
  );
}
