import {
  parseInstant,
  SHANGHAI,
  type CircularContent,
  type CircularKind,
  type EvaluationFigures,
  type Ratio,
  type ReportPeriod,
  type SurveyFigures,
} from '@app/domain';
import { CIRCULAR_FONT, missesChart, onTimeTrendChart, rankingChart } from './circular-charts';
import { escapeHtml } from './pdf-renderer';

/** What a circular's document says besides its content: who issues it, its number and the day of issue. */
export interface CircularHeading {
  districtName: string;
  documentNumber: string;
  issuedOn: string;
}

const e = escapeHtml;

const chineseDate = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** 2026年3月, 2026年度, or 2026年3月1日至2026年3月15日. */
export function periodLabel(period: ReportPeriod): string {
  const [fromYear, fromMonth, fromDay] = period.from.split('-');
  const [toYear, toMonth] = period.to.split('-');
  const lastOfMonth = new Date(Date.UTC(Number(toYear), Number(toMonth), 0)).getUTCDate();
  if (fromDay === '01' && period.to.endsWith(`-${lastOfMonth}`) && fromYear === toYear) {
    if (fromMonth === '01' && toMonth === '12') return `${Number(fromYear)}年度`;
    if (fromMonth === toMonth) return `${Number(fromYear)}年${Number(fromMonth)}月`;
  }
  return `${chineseDate(period.from)}至${chineseDate(period.to)}`;
}

const KIND_TITLE: Record<CircularKind, string> = { monthly: '月度通报', 'year-end': '年终考评通报', 'on-demand': '专项通报' };

export const ratioText = (ratio: Ratio) =>
  `${ratio.rate === null ? '—' : `${(ratio.rate * 100).toFixed(1)}%`}（${ratio.part}/${ratio.whole}）`;
const points = (value: number) => (value > 0 ? `+${value}` : `${value}`);
const days = (value: number | null) => (value === null ? '—' : `${value}`);
const surveyText = (survey: SurveyFigures | null, pick: (s: SurveyFigures) => Ratio) => (survey === null ? '—' : ratioText(pick(survey)));
const shanghaiDate = (iso: string) => SHANGHAI.localDate(parseInstant(iso));

function table(headers: string[], rows: string[][], className = ''): string {
  return `<table class="${className}"><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const evaluationCells = (f: EvaluationFigures) => [
  `${f.raised}`,
  `${f.closedAtCommunity}`,
  `${f.closedAtStreet}`,
  `${f.whistled}`,
  `${f.closed}`,
  days(f.medianDaysToClose),
  ratioText(f.evaluated),
  ratioText(f.satisfaction),
  surveyText(f.survey, (s) => s.awareness),
  surveyText(f.survey, (s) => s.satisfaction),
];
const EVALUATION_HEADERS = [
  '新增',
  '社区办结',
  '街道办结',
  '吹哨',
  '办结',
  '办结用时中位数(天)',
  '评价占比',
  '办结满意率',
  '知晓率',
  '测评满意率',
];

/** The circular as one printable HTML document (A4, Chinese), charts inline: what the PDF is printed from. */
export function circularHtml(content: CircularContent, heading: CircularHeading): string {
  const period = periodLabel(content.period);
  const t = content.totals;
  const final = content.ranking.kind === 'final';
  const names = new Map(content.departments.map((d) => [d.departmentId, d.name]));
  const departmentName = (id: string) => names.get(id) ?? id;
  const sections = [
    `<h2>一、总体情况</h2>
     <p>${e(period)}（${e(content.period.from)} 至 ${e(content.period.to)}），全区各社区红领工作站新增问题 ${t.issuesRaised} 件，办结 ${t.issuesClosed} 件，
     “吹哨”至区直单位 ${t.issuesWhistled} 件；区直单位按时反馈率 ${e(ratioText(t.onTimeFeedback))}，加分合计 ${points(t.awards)} 分，扣分合计 ${points(
       t.deductions,
     )} 分，约谈 ${t.interviews} 次；期末逾期未办结问题 ${t.overdueIssues} 件。</p>`,
    `<h2>二、区直单位积分排名（${content.rankingYear}年${final ? '，年终核算' : '，截至期末'}）</h2>
     ${table(
       ['名次', '单位', '积分'],
       content.ranking.rows.map((r) => [`${r.rank}`, r.name, `${r.total}`]),
       'ranking',
     )}
     <figure>${rankingChart(content)}<figcaption>图1 区直单位积分排名</figcaption></figure>`,
    `<h2>三、区直单位加分、扣分、约谈及“三率”</h2>
     ${table(
       ['单位', '积分', '加分', '扣分', '约谈', '按时反馈率', '办结率', '满意率', ...(final ? ['党建考核', '驻站考核'] : [])],
       content.departments.map((d) => [
         d.name,
         `${d.total}`,
         points(d.awards),
         points(d.deductions),
         `${d.interviews}`,
         ratioText(d.onTimeFeedback),
         ratioText(d.resolution),
         ratioText(d.satisfaction),
         ...(final
           ? [d.assessmentBonus ? `+${d.assessmentBonus.partyBuilding}` : '—', d.assessmentBonus ? `+${d.assessmentBonus.stationing}` : '—']
           : []),
       ]),
     )}
     <figure>${onTimeTrendChart(content)}<figcaption>图2 ${content.rankingYear}年按时反馈率月度走势</figcaption></figure>
     <figure>${missesChart(content)}<figcaption>图3 本期各单位未按时反馈次数</figcaption></figure>
     ${
       content.interviews.length === 0
         ? '<p>本期无约谈。</p>'
         : table(
             ['约谈日期', '单位', '事由'],
             content.interviews.map((i) => [
               shanghaiDate(i.at),
               i.name,
               i.reason === 'last-in-ranking' ? '年终排名末位' : '连续两次未按时反馈',
             ]),
           )
     }`,
    `<h2>四、期末逾期未办结问题（共 ${content.overdue.total} 件${content.overdue.total > content.overdue.listed.length ? `，列出最早的 ${content.overdue.listed.length} 件` : ''}）</h2>
     ${
       content.overdue.total === 0
         ? '<p>无。</p>'
         : table(
             ['问题编号', '问题', '工作站', '未按时反馈单位', '逾期次数', '首次逾期'],
             content.overdue.listed.map((o) => [
               o.issueId,
               o.title,
               o.stationName,
               o.departments.map(departmentName).join('、'),
               `${o.missedDeadlines}`,
               shanghaiDate(o.firstMissedDue),
             ]),
           )
     }`,
    `<h2>五、各社区红领工作站考评</h2>
     ${table(
       ['工作站', ...EVALUATION_HEADERS],
       content.stations.map((s) => [s.name, ...evaluationCells(s)]),
       'figures',
     )}
     ${table(['街道', ...EVALUATION_HEADERS], [...content.streets.map((s) => [s.name, ...evaluationCells(s)]), ['全区', ...evaluationCells(content.district)]], 'figures')}`,
  ];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(heading.documentNumber)}</title><style>
  @page { size: A4; }
  body { font-family: ${CIRCULAR_FONT}; font-size: 10.5pt; color: #111; line-height: 1.6; }
  .masthead { text-align: center; color: #b71c1c; font-size: 24pt; font-weight: bold; letter-spacing: 2pt; font-family: 'Noto Serif CJK SC', serif; }
  .number { text-align: center; margin: 6pt 0; }
  hr.red { border: 0; border-top: 2pt solid #b71c1c; margin: 4pt 0 14pt; }
  h1 { text-align: center; font-size: 16pt; font-family: 'Noto Serif CJK SC', serif; }
  h2 { font-size: 12pt; margin: 14pt 0 6pt; break-after: avoid; }
  table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 4pt 0 8pt; }
  th, td { border: 0.5pt solid #555; padding: 2pt 4pt; text-align: center; }
  th { background: #f3e5e5; }
  tr { break-inside: avoid; }
  table.figures { font-size: 7.5pt; }
  table.figures td:first-child { white-space: nowrap; text-align: left; }
  figure { margin: 6pt 0; text-align: center; break-inside: avoid; }
  figcaption { font-size: 9pt; }
  .issuer { text-align: right; margin-top: 24pt; }
  </style></head><body>
  <div class="masthead">${e(heading.districtName)}红领工作站领导小组办公室</div>
  <div class="number">${e(heading.documentNumber)}</div>
  <hr class="red">
  <h1>关于${e(period)}“基层吹哨、部门报到”工作情况的${KIND_TITLE[content.kind]}</h1>
  <p>各区直单位、各街道、各社区红领工作站：</p>
  <p>现将${e(period)}全区“基层吹哨、部门报到”工作情况通报如下。</p>
  ${sections.join('\n')}
  <div class="issuer">${e(heading.districtName)}红领工作站领导小组办公室<br>${e(chineseDate(heading.issuedOn))}</div>
  </body></html>`;
}
