import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Chart, LatestCell, ReportModel } from './model.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** JSON that cannot close the <script> element it sits in. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** Apache ECharts' prebuilt bundle of the common charts (line, legend, tooltip, time axis): about 700 KB. */
export function echartsBundle(): string {
  return readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.common.min.js'), 'utf8');
}

const metricName = (m: { metric: string; metricZh: string | null; metricEn: string | null }) =>
  `${esc(m.metricZh ?? m.metric)}${m.metricEn ? ` <span class="en">${esc(m.metricEn)}</span>` : ''}`;

/** Only web addresses become links; anything else (seed files, odd schemes) stays text. */
function sourceCell(c: LatestCell): string {
  const label = esc(c.title ?? c.url);
  const link = /^https?:\/\//i.test(c.url) ? `<a href="${esc(c.url)}">${label}</a>` : label;
  return `${link}${c.source ? `<br><span class="muted">${esc(c.source)}</span>` : ''}`;
}

function cityTable({ city, latest }: ReportModel['cities'][number]): string {
  const rows = latest
    .map(
      (c) => `<tr>
  <td>${metricName(c)}<br><code>${esc(c.metric)}</code></td>
  <td class="num">${esc(c.qualifier === '~' ? '约' : c.qualifier)}${esc(c.value)} ${esc(c.unit)}</td>
  <td>${esc(c.asOf)}${c.periodLabel ? `<br><span class="muted">${esc(c.periodLabel)}</span>` : ''}</td>
  <td>${sourceCell(c)}</td>
  <td>${esc(c.publishedAt?.slice(0, 10) ?? '')}</td>
</tr>`,
    )
    .join('\n');
  return `<section class="city"><h3>${esc(city)}</h3>
<table><thead><tr><th>指标 Metric</th><th>最新数值 Latest</th><th>截至 As of</th><th>来源 Source</th><th>发布 Published</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>`;
}

function chartBox(c: Chart, i: number): string {
  return `<figure class="chart-box"><figcaption>${metricName(c)} <code>${esc(c.metric)}</code>${c.unit ? ` · ${esc(c.unit)}` : ''}</figcaption>
<div class="chart" id="chart-${i}" data-metric="${esc(c.metric)}"></div></figure>`;
}

/** Client side: one ECharts line chart per metric, SVG so it prints and zooms sharply. */
const DRAW = `
const charts = JSON.parse(document.getElementById('chart-data').textContent);
charts.forEach((c, i) => {
  const chart = echarts.init(document.getElementById('chart-' + i), null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 64, right: 24, top: 40, bottom: 36 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: c.unit || '', scale: true },
    series: c.series.map((s) => ({ name: s.name, type: 'line', data: s.points, showSymbol: true })),
  });
  addEventListener('resize', () => chart.resize());
});
document.body.dataset.chartsDrawn = String(charts.length);
`;

/**
 * The report as one HTML file with everything inline (styles, data, ECharts itself), so it opens
 * offline and survives being mailed. Tables are plain HTML and read without JavaScript.
 */
export function renderReport(model: ReportModel, echarts: string = echartsBundle()): string {
  const when = model.generatedAt.slice(0, 16).replace('T', ' ');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>质量强市指标报告 · ${esc(model.database)} · ${esc(when)} UTC</title>
<style>
body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; } h3 { margin-bottom: .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.muted, .en { color: #777; font-size: .85em; } code { color: #555; font-size: .8em; }
.chart-box { margin: 1.5rem 0; } .chart { width: 100%; height: 340px; }
</style></head>
<body>
<h1>质量强市指标报告 <span class="en">Quality-city indicators</span></h1>
<p class="muted">数据库 ${esc(model.database)} · 生成于 ${esc(when)} UTC · ${esc(model.rows)} 条指标，其中 ${esc(model.used)} 条有指标、城市和日期（不含重复稿、变化量和目标值）</p>
<h2>各市最新数值 <span class="en">Latest value per city</span></h2>
${model.cities.length ? model.cities.map(cityTable).join('\n') : '<p>没有数据 No figures yet.</p>'}
<h2>趋势 <span class="en">Time series</span></h2>
${model.charts.length ? model.charts.map(chartBox).join('\n') : '<p>没有两个以上时期的指标 No metric has figures for two or more periods yet.</p>'}
<script>${echarts.replace(/<\/script/gi, '<\\/script')}</script>
<script type="application/json" id="chart-data">${scriptJson(model.charts)}</script>
<script>${DRAW}</script>
</body></html>
`;
}
