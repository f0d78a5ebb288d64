import { chineseDate, GovCellKind } from '@app/excel';
import { RANK_CHANGE_FORMAT } from '../builders/ranking.export.js';
import { completionRatio } from '../builders/city-summary.export.js';
import { BulletinCell, BulletinTable } from './bulletin-section.js';
import { BulletinData } from './bulletin.service.js';
import { sectionHeading } from './bulletin.export.js';

export interface BulletinPageOptions {
  /** Where the page loads ApexCharts from (GET /api/assets/apexcharts.min.js), unless `inlineScript` is given. */
  scriptSrc: string;
  /** The library's code, embedded: a self-contained page (saved, printed headless, opened from a blob). */
  inlineScript?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A cell as the workbook shows it (same scale, same ↑/↓ for rank changes). */
export function formatBulletinCell(column: BulletinTable['columns'][number], value: BulletinCell): string {
  if (value === null || value === '') return '';
  switch (column.kind) {
    case GovCellKind.Percent:
      return `${(Number(value) * 100).toFixed(column.scale ?? 2)}%`;
    case GovCellKind.Decimal:
      return Number(value).toFixed(column.scale ?? 2);
    case GovCellKind.Integer:
      if (column.numFmt === RANK_CHANGE_FORMAT) {
        const n = Number(value);
        return n > 0 ? `↑${n}` : n < 0 ? `↓${-n}` : '持平';
      }
      return String(value);
    default:
      return String(value);
  }
}

function renderTable(table: BulletinTable): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
  const body = table.rows
    .map((row, r) => {
      const cells = row.map((value, i) => {
        const column = table.columns[i];
        const fill = table.fills?.[r]?.[i];
        const style = fill ? ` style="background:#${fill.slice(2)}"` : '';
        const align = column.kind === GovCellKind.Text ? '' : ' class="num"';
        return `<td${align}${style}>${escapeHtml(formatBulletinCell(column, value))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** What the charts plot, also embedded as JSON for the page's script. */
export function bulletinChartData(data: BulletinData) {
  return {
    districts: data.districts.map((d) => d.districtName),
    coverage: data.districts.map((d) =>
      d.coverageRatio === null ? null : Number((Number(d.coverageRatio) * 100).toFixed(2)),
    ),
    completion: data.districts.map((d) => {
      const ratio = completionRatio(d);
      return ratio === null ? null : Number((Math.min(1, Number(ratio)) * 100).toFixed(2));
    }),
    ranking: data.ranking
      ? {
          districts: data.ranking.rows.map((r) => r.districtName),
          scores: data.ranking.rows.map((r) => Number(r.compositeScore)),
        }
      : null,
    rag: [data.rag.onTrack.length, data.rag.atRisk.length, data.rag.offTrack.length, data.rag.noTarget.length],
  };
}

const CHART_SCRIPT = `
(function () {
  var root = document.documentElement;
  function done(state) { root.setAttribute('data-charts-ready', state); window.bulletinReady = state === 'true'; }
  if (typeof ApexCharts === 'undefined') { done('error'); return; }
  var data = JSON.parse(document.getElementById('bulletin-data').textContent);
  var font = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
  // print: ApexCharts 7 redraws charts on beforeprint; in headless Chromium that blanked every printed page. The
  // charts have a fixed print width already.
  var base = { width: 680, fontFamily: font, animations: { enabled: false }, toolbar: { show: false }, redrawOnParentResize: false, print: { enabled: false } };
  var charts = [];
  charts.push(new ApexCharts(document.getElementById('chart-progress'), {
    chart: Object.assign({ type: 'bar', height: 300 }, base),
    series: [{ name: '覆盖率（%）', data: data.coverage }, { name: '目标完成率（%）', data: data.completion }],
    xaxis: { categories: data.districts, labels: { rotate: -45, rotateAlways: true, style: { fontSize: '10px' } } },
    yaxis: { min: 0, max: 100, tickAmount: 5, labels: { formatter: function (v) { return v + '%'; } } },
    annotations: { yaxis: [{ y: 100, borderColor: '#c00000', strokeDashArray: 4, label: { text: '目标 100%', style: { color: '#fff', background: '#c00000' } } }] },
    colors: ['#2f75b5', '#70ad47'], dataLabels: { enabled: false }, legend: { position: 'top' },
    plotOptions: { bar: { columnWidth: '70%' } }
  }));
  if (data.ranking) {
    charts.push(new ApexCharts(document.getElementById('chart-ranking'), {
      chart: Object.assign({ type: 'bar', height: Math.max(260, data.ranking.districts.length * 18 + 40) }, base),
      series: [{ name: '综合得分', data: data.ranking.scores }],
      xaxis: { categories: data.ranking.districts, min: 0, max: 100 },
      plotOptions: { bar: { horizontal: true, barHeight: '70%' } },
      dataLabels: { enabled: true, style: { fontSize: '10px' } }, colors: ['#2f75b5']
    }));
  }
  charts.push(new ApexCharts(document.getElementById('chart-rag'), {
    chart: Object.assign({ type: 'donut', height: 240 }, base, { width: 420 }),
    series: data.rag, labels: ['正常', '预警', '滞后', '无目标'],
    colors: ['#70ad47', '#ffc000', '#c00000', '#a5a5a5'], legend: { position: 'right' },
    dataLabels: { enabled: true, formatter: function (v, o) { return o.w.config.series[o.seriesIndex]; } }
  }));
  Promise.all(charts.map(function (c) { return c.render(); })).then(function () { done('true'); }, function () { done('error'); });
})();
`;

const STYLE = `
  @page { size: A4 portrait; margin: 14mm 12mm 16mm; }
  * { box-sizing: border-box; }
  body { margin: 0; background: #e9e9e9; color: #000; font-family: "Noto Serif CJK SC", "SimSun", "Songti SC", serif; font-size: 10.5pt; }
  .page { width: 210mm; margin: 12px auto; padding: 14mm 12mm; background: #fff; box-shadow: 0 0 6px rgba(0,0,0,.25); }
  .masthead { text-align: center; color: #c00000; font-family: "Noto Sans CJK SC", "SimHei", sans-serif; font-size: 24pt; font-weight: bold; letter-spacing: 4px; }
  .rule { border-top: 2px solid #c00000; margin: 6px 0 10px; }
  h1 { text-align: center; font-family: "Noto Sans CJK SC", "SimHei", sans-serif; font-size: 16pt; margin: 8px 0 4px; }
  .meta { display: flex; justify-content: space-between; font-size: 10pt; margin-bottom: 8px; }
  h2 { font-family: "Noto Sans CJK SC", "SimHei", sans-serif; font-size: 13pt; margin: 14px 0 6px; break-after: avoid; }
  p { text-indent: 2em; line-height: 1.6; margin: 4px 0; }
  table { width: 100%; border-collapse: collapse; font-size: 9pt; margin: 6px 0 10px; }
  thead { display: table-header-group; }
  th, td { border: 1px solid #000; padding: 2px 4px; }
  th { background: #d9e1f2; font-weight: bold; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr { break-inside: avoid; }
  .chart { width: 680px; margin: 6px auto; break-inside: avoid; }
  .chart-title { text-align: center; font-weight: bold; font-size: 10pt; }
  .toolbar { text-align: center; margin: 8px; }
  @media print {
    body { background: #fff; }
    .page { width: auto; margin: 0; padding: 0; box-shadow: none; }
    .toolbar { display: none; }
    th, .masthead, td[style] { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
`;

/**
 * The 通报 as a page that prints cleanly to A4 (issue 5 §3): official masthead, the text, charts (ApexCharts, not
 * animated) and the tables; `data-charts-ready="true"` on <html> and `window.bulletinReady` once every chart has
 * rendered, so a print job (or headless Chromium) waits for them. Every text is HTML-escaped; the chart data travels
 * as JSON with '<' escaped.
 */
export function renderBulletinPage(data: BulletinData, options: BulletinPageOptions): string {
  const json = JSON.stringify(bulletinChartData(data)).replace(/</g, '\\u003c');
  const sections = data.sections
    .map((section, index) => {
      const charts =
        section.key === 'progress'
          ? `<div class="chart"><div class="chart-title">各区县覆盖率与目标完成率</div><div id="chart-progress"></div></div>
             <div class="chart"><div class="chart-title">进度状态分布</div><div id="chart-rag"></div></div>`
          : section.key === 'ranking' && data.ranking
            ? `<div class="chart"><div class="chart-title">综合得分</div><div id="chart-ranking"></div></div>`
            : '';
      return `<section id="section-${escapeHtml(section.key)}">
  <h2>${escapeHtml(sectionHeading(index, section.title))}</h2>
  ${section.summary.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n  ')}
  ${charts}
  ${section.table ? renderTable(section.table) : ''}
</section>`;
    })
    .join('\n');
  const script = options.inlineScript
    ? `<script>${options.inlineScript.replace(/<\/script/gi, '<\\/script')}</script>`
    : `<script src="${escapeHtml(options.scriptSrc)}"></script>`;
  return `<!DOCTYPE html>
<html lang="zh-CN" data-charts-ready="false">
<head>
<meta charset="utf-8">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="toolbar"><button type="button" onclick="window.print()">打印 / 另存为 PDF</button></div>
<div class="page">
  <div class="masthead">${escapeHtml(data.unit)}</div>
  <div class="rule"></div>
  <h1>${escapeHtml(data.title)}</h1>
  <div class="meta"><span>${escapeHtml(`目标计划：${data.plan.name}`)}</span><span>${escapeHtml(chineseDate(data.issuedOn))}</span></div>
${sections}
</div>
<script type="application/json" id="bulletin-data">${json}</script>
${script}
<script>${CHART_SCRIPT}</script>
</body>
</html>`;
}
