// Draws any report from its chart description (ReportChartMeta), with chart.js: the server says
// which columns are x, y, size, series and label; nothing here knows a particular report.
import { Chart } from './charts';
import type { ChartDataset, Plugin } from 'chart.js';
import { t, tl } from './i18n';
import type { ReportChartMeta, ReportMeta } from './meta';
import { href, navigate } from './router';

type Row = Record<string, unknown>;
/** The text a cell shows in the table (enum labels, numbers...): the chart uses the same. */
export type CellText = (column: string, value: unknown) => string;
/** The options of an enum column, in the order the server describes them (for matrix axes). */
export type ColumnOptions = (column: string) => string[] | null;

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

interface Point {
  x: number;
  y: number;
  r: number;
  names: string[];
}

function num(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : 0;
}

function seriesOf(rows: Row[], chart: ReportChartMeta, text: CellText): string[] {
  if (!chart.series) return [''];
  const out: string[] = [];
  for (const r of rows) {
    const s = text(chart.series, r[chart.series]);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

// Quadrant lines and names, drawn under the points.
function quadrantPlugin(chart: ReportChartMeta): Plugin {
  return {
    id: 'boucleQuadrants',
    beforeDatasetsDraw(c) {
      const q = chart.quadrants;
      const xs = c.scales.x;
      const ys = c.scales.y;
      if (!q || !xs || !ys) return;
      const { ctx, chartArea: a } = c;
      const px = xs.getPixelForValue(q.x_split);
      const py = ys.getPixelForValue(q.y_split);
      ctx.save();
      ctx.strokeStyle = '#9ca3af';
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(px, a.top);
      ctx.lineTo(px, a.bottom);
      ctx.moveTo(a.left, py);
      ctx.lineTo(a.right, py);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#6b7280';
      ctx.font = '600 12px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.fillText(tl(q.low_high), a.left + 6, a.top + 14);
      ctx.fillText(tl(q.low_low), a.left + 6, a.bottom - 6);
      ctx.textAlign = 'right';
      ctx.fillText(tl(q.high_high), a.right - 6, a.top + 14);
      ctx.fillText(tl(q.high_low), a.right - 6, a.bottom - 6);
      ctx.restore();
    },
  };
}

function axisTitle(meta: ReportMeta, column: string): { display: boolean; text: string } {
  const c = meta.columns.find((x) => x.name === column);
  return { display: true, text: c ? tl(c.label) : column };
}

// Scatter and bubble: rows at the same point (and series) become one bubble, sized by their count
// unless a size column is given; the tooltip names them.
function pointChart(canvas: HTMLCanvasElement, meta: ReportMeta, chart: ReportChartMeta, rows: Row[], text: CellText): Chart {
  const series = seriesOf(rows, chart, text);
  const datasets: ChartDataset<'bubble', Point[]>[] = series.map((s, i) => {
    const points = new Map<string, Point>();
    for (const r of rows) {
      if (chart.series && text(chart.series, r[chart.series]) !== s) continue;
      const x = num(r[chart.x]);
      const y = num(r[chart.y]);
      const key = `${x}|${y}`;
      const p = points.get(key) ?? { x, y, r: 0, names: [] };
      p.names.push(chart.label ? String(r[chart.label] ?? '') : '');
      p.r = chart.size ? p.r + num(r[chart.size]) : p.names.length;
      points.set(key, p);
    }
    const data = [...points.values()].map((p) => ({ ...p, r: chart.kind === 'scatter' ? 5 : 5 + 5 * Math.sqrt(p.r) }));
    const color = PALETTE[i % PALETTE.length] ?? '#2563eb';
    return { label: s || tl(meta.label), data, backgroundColor: `${color}99`, borderColor: color };
  });
  const split = chart.quadrants;
  const values = (axis: 'x' | 'y') => rows.map((r) => num(r[axis === 'x' ? chart.x : chart.y]));
  const range = (axis: 'x' | 'y', at: number | undefined) => {
    const v = values(axis).concat(at === undefined ? [] : [at]);
    return { min: Math.floor(Math.min(...v, 1)) - 0.5, max: Math.ceil(Math.max(...v, 1)) + 0.5 };
  };
  // Axes run half a step beyond the data so that bubbles are not cut; only whole values are labelled.
  const wholeTicks = { stepSize: 0.5, callback: (v: number | string) => (Number.isInteger(Number(v)) ? String(v) : '') };
  return new Chart(canvas, {
    type: 'bubble',
    data: { datasets },
    plugins: chart.quadrants ? [quadrantPlugin(chart)] : [],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: !!chart.series, position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => {
              const p = item.raw as Point;
              return `${p.names.filter(Boolean).join(', ')} (${p.x}, ${p.y})`;
            },
          },
        },
      },
      scales: {
        x: { ...range('x', split?.x_split), ticks: wholeTicks, title: axisTitle(meta, chart.x) },
        y: { ...range('y', split?.y_split), ticks: wholeTicks, title: axisTitle(meta, chart.y) },
      },
    },
  });
}

// Bar and stacked bar: y summed per x category and series (counted when y is empty).
function barChart(canvas: HTMLCanvasElement, meta: ReportMeta, chart: ReportChartMeta, rows: Row[], text: CellText): Chart {
  const labels: string[] = [];
  for (const r of rows) {
    const x = text(chart.x, r[chart.x]);
    if (!labels.includes(x)) labels.push(x);
  }
  const series = seriesOf(rows, chart, text);
  const datasets = series.map((s, i) => {
    const data = labels.map(() => 0);
    for (const r of rows) {
      if (chart.series && text(chart.series, r[chart.series]) !== s) continue;
      const k = labels.indexOf(text(chart.x, r[chart.x]));
      data[k] = (data[k] ?? 0) + (chart.y ? num(r[chart.y]) : 1);
    }
    return { label: s || axisTitle(meta, chart.y).text, data, backgroundColor: PALETTE[i % PALETTE.length] ?? '#2563eb' };
  });
  const stacked = chart.kind === 'stacked_bar';
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: !!chart.series, position: 'bottom' } },
      scales: {
        x: { stacked, grid: { display: false } },
        y: { stacked, beginAtZero: true, ticks: { precision: 0 }, title: chart.y ? axisTitle(meta, chart.y) : { display: true, text: t('chartCount') } },
      },
    },
  });
}

// Matrix: how many rows fall in each (x, y) pair of categories, as bubbles on a grid.
function matrixChart(canvas: HTMLCanvasElement, meta: ReportMeta, chart: ReportChartMeta, rows: Row[], text: CellText,
                     options: ColumnOptions): Chart {
  const axis = (column: string) => {
    const known = options(column);
    if (known) return known;
    const out: string[] = [];
    for (const r of rows) if (!out.includes(String(r[column]))) out.push(String(r[column]));
    return out;
  };
  const xs = axis(chart.x);
  const ys = axis(chart.y);
  const cells = new Map<string, Point>();
  for (const r of rows) {
    const x = xs.indexOf(String(r[chart.x]));
    const y = ys.indexOf(String(r[chart.y]));
    if (x < 0 || y < 0) continue;
    const p = cells.get(`${x}|${y}`) ?? { x, y, r: 0, names: [] };
    p.r += 1;
    if (chart.label) p.names.push(String(r[chart.label] ?? ''));
    cells.set(`${x}|${y}`, p);
  }
  const data = [...cells.values()].map((p) => ({ ...p, count: p.r, r: 6 + 7 * Math.sqrt(p.r) }));
  const tick = (list: string[], column: string) => (v: number | string) => {
    const value = list[Number(v)];
    return value === undefined ? '' : text(column, value);
  };
  return new Chart(canvas, {
    type: 'bubble',
    data: { datasets: [{ label: tl(meta.label), data, backgroundColor: '#2563eb99', borderColor: '#2563eb' }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const p = item.raw as Point & { count: number };
              return `${text(chart.x, xs[p.x])} → ${text(chart.y, ys[p.y])} : ${p.count} (${p.names.join(', ')})`;
            },
          },
        },
      },
      scales: {
        x: { min: -0.5, max: xs.length - 0.5, ticks: { stepSize: 1, callback: tick(xs, chart.x) }, title: axisTitle(meta, chart.x) },
        y: { min: -0.5, max: ys.length - 0.5, ticks: { stepSize: 1, callback: tick(ys, chart.y) }, title: axisTitle(meta, chart.y) },
      },
    },
  });
}

// Pareto: bars of y in row order (the server sorts them, biggest first) and the cumulative share
// (the `size` column, 0 to 1) as a line on a second axis in percent. A click on a bar opens the
// records behind it when the row carries their list query ({type, search}).
function paretoChart(canvas: HTMLCanvasElement, meta: ReportMeta, chart: ReportChartMeta, rows: Row[], text: CellText): Chart {
  const labels = rows.map((r) => text(chart.x, r[chart.x]));
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'bar', label: axisTitle(meta, chart.y).text, data: rows.map((r) => num(r[chart.y])), backgroundColor: PALETTE[0], yAxisID: 'y', order: 2 },
        { type: 'line', label: axisTitle(meta, chart.size).text, data: rows.map((r) => 100 * num(r[chart.size])), borderColor: PALETTE[1],
          backgroundColor: PALETTE[1], yAxisID: 'share', order: 1 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: true, position: 'bottom' } },
      scales: {
        x: { grid: { display: false } },
        y: { beginAtZero: true, title: axisTitle(meta, chart.y) },
        share: { position: 'right', min: 0, max: 100, grid: { display: false }, ticks: { callback: (v: number | string) => `${v} %` } },
      },
      onClick: (_event, elements) => {
        const el = elements[0];
        const query = el ? (rows[el.index]?.query as { type?: string; search?: string } | undefined) : undefined;
        if (query?.type) navigate(`${href(query.type)}?${query.search ?? ''}`);
      },
    },
  });
}

export function reportChart(canvas: HTMLCanvasElement, meta: ReportMeta, rows: Row[], text: CellText,
                            options: ColumnOptions): Chart | null {
  const chart = meta.chart;
  if (!chart) return null;
  switch (chart.kind) {
    case 'scatter':
    case 'bubble': return pointChart(canvas, meta, chart, rows, text);
    case 'bar':
    case 'stacked_bar': return barChart(canvas, meta, chart, rows, text);
    case 'matrix': return matrixChart(canvas, meta, chart, rows, text, options);
    case 'pareto': return paretoChart(canvas, meta, chart, rows, text);
    default: return null;
  }
}
