import type { CircularContent } from '@app/domain';
import * as echarts from 'echarts';

/** The CJK font the PDF is set in (Debian's fonts-noto-cjk), for the charts' text as for the page's. */
export const CIRCULAR_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

/** One chart rendered on the server by ECharts as SVG text (no browser, no animation): the same figures give the same SVG. */
function svgOf(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: CIRCULAR_FONT }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** 积分排名: a horizontal bar per department, the first place on top. */
export function rankingChart(content: CircularContent): string {
  const rows = [...content.ranking.rows].reverse();
  const totals = rows.map((r) => r.total);
  const low = Math.min(0, ...totals);
  return svgOf(
    {
      grid: { left: 110, right: 50, top: 10, bottom: 24 },
      xAxis: { type: 'value', min: Math.floor(low), scale: low === 0 },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: 11 } },
      series: [{ type: 'bar', data: totals, itemStyle: { color: '#b71c1c' }, label: { show: true, position: 'right', fontSize: 10 } }],
    },
    680,
    Math.max(120, 40 + rows.length * 22),
  );
}

/** 按时反馈率月度走势: the district's on-time feedback rate per month of the year, in percent. */
export function onTimeTrendChart(content: CircularContent): string {
  return svgOf(
    {
      grid: { left: 50, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: content.onTimeTrend.map((m) => m.month) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          data: content.onTimeTrend.map((m) => percent(m.onTimeFeedback.rate)),
          itemStyle: { color: '#b71c1c' },
          label: { show: true, formatter: '{c}%', fontSize: 10 },
        },
      ],
    },
    680,
    240,
  );
}

/** 未按时反馈次数: the deadlines each department missed in the period. */
export function missesChart(content: CircularContent): string {
  const rows = [...content.departments].sort(
    (a, b) => b.onTimeFeedback.whole - b.onTimeFeedback.part - (a.onTimeFeedback.whole - a.onTimeFeedback.part),
  );
  return svgOf(
    {
      grid: { left: 50, right: 20, top: 20, bottom: 60 },
      xAxis: { type: 'category', data: rows.map((d) => d.name), axisLabel: { rotate: 30, fontSize: 10, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: rows.map((d) => d.onTimeFeedback.whole - d.onTimeFeedback.part),
          itemStyle: { color: '#6d4c41' },
          label: { show: true, position: 'top', fontSize: 10 },
        },
      ],
    },
    680,
    260,
  );
}
