// KPI dashboard: every KPI with its value, target and status; one KPI as a line chart by period
// (or bars by group), grouped by any groupable field of its source. A click on a point opens the
// generic list of the very records behind it (each point carries its list query).
import type { Chart, ChartConfiguration } from 'chart.js';
import { api } from '../api';
import { h } from '../dom';
import { t, tl, type Label, type MsgKey } from '../i18n';
import { typeMeta } from '../meta';
import { href, navigate, replaceQuery } from '../router';
import { errorBox, loading, pageHeader, type ViewContext } from './common';
import { formatKpiValue } from '../format';

type Status = 'ok' | 'warning' | 'critical' | 'none' | 'unknown' | 'unavailable' | 'invalid';

interface KpiDef {
  id: string;
  label: Label;
  description: string;
  type: string | null;
  measure: string;
  unit: string;
  target: number | null;
  warning: number | null;
  direction: 'higher' | 'lower';
  group_by: string;
  value: number | null;
  status: Status;
}

interface ListQuery {
  type: string;
  search: string;
}

interface Point {
  group: unknown;
  period?: string;
  n: number;
  value: number | null;
  status: Status;
  query: ListQuery;
  label?: Label | null;
}

interface Detail {
  kpi: KpiDef;
  value: number | null;
  status: Status;
  group: string | null;
  period: 'week' | 'month' | 'none';
  query: ListQuery;
  series: { group: unknown; label: Label | null; points: Point[] }[];
  groups: Point[];
}

const STATUS_COLOR: Record<Status, string> = {
  ok: '#15803d', warning: '#b45309', critical: '#b91c1c', none: '#1d4ed8', unknown: '#6b7280',
  unavailable: '#9ca3af', invalid: '#9ca3af',
};
const SERIES_COLORS = ['#1d4ed8', '#7c3aed', '#0891b2', '#c2410c', '#4d7c0f', '#be185d', '#0f766e', '#a16207', '#4338ca', '#9f1239'];


function statusBadge(s: Status): HTMLElement {
  return h('span', { class: `kpi-status kpi-${s}`, testid: 'kpi-status' }, t(`kpiStatus_${s}` as MsgKey));
}

function renderOverview(ctx: ViewContext): void {
  const slot = h('div', { class: 'kpi-grid', testid: 'kpi-grid' }, loading());
  ctx.root.replaceChildren(pageHeader(t('kpis'), [], t('kpiIntro')), slot);
  api.get<{ kpis: KpiDef[] }>('/kpis').then((res) => {
    if (!ctx.alive()) return;
    slot.replaceChildren(...res.kpis.map((k) =>
      h('a', { class: `kpi-card kpi-border-${k.status}`, href: href('kpis', k.id), testid: `kpi-${k.id}` },
        h('div', { class: 'kpi-card-label' }, tl(k.label)),
        h('div', { class: 'kpi-card-value' }, formatKpiValue(k.unit, k.value)),
        h('div', { class: 'kpi-card-foot' }, statusBadge(k.status),
          k.target !== null ? h('span', { class: 'kpi-target' }, `${t('kpiTarget')} ${k.direction === 'higher' ? '≥' : '≤'} ${formatKpiValue(k.unit, k.target)}`) : null))));
  }).catch((e) => {
    if (ctx.alive()) slot.replaceChildren(errorBox(e));
  });
}

function groupLabel(label: Label | null | undefined, group: unknown): string {
  if (label) return tl(label);
  return group === null || group === undefined ? t('kpiAll') : String(group);
}

async function drawChart(canvas: HTMLCanvasElement, d: Detail): Promise<Chart> {
  const { Chart: ChartJs, registerables } = await import('chart.js');
  ChartJs.register(...registerables);
  const unit = d.kpi.unit;
  const scale = (v: number | null) => (v === null ? null : unit === 'share' ? v * 100 : v);
  const byPeriod = d.period !== 'none';
  // Lines over periods, or bars over groups.
  const labels = byPeriod
    ? [...new Set(d.series.flatMap((s) => s.points.map((p) => p.period ?? '')))].sort()
    : (d.group ? d.groups : d.series.flatMap((s) => s.points)).map((p) => groupLabel(p.label, p.group));
  const pointsOf: Point[][] = [];
  const datasets: ChartConfiguration['data']['datasets'] = [];
  if (byPeriod) {
    d.series.forEach((s, i) => {
      const at = new Map(s.points.map((p) => [p.period ?? '', p]));
      const pts = labels.map((l) => at.get(l));
      pointsOf.push(pts as Point[]);
      const color = SERIES_COLORS[i % SERIES_COLORS.length] ?? '#1d4ed8';
      datasets.push({
        type: 'line', label: groupLabel(s.label, s.group), data: pts.map((p) => (p ? scale(p.value) : null)),
        borderColor: color, backgroundColor: color, spanGaps: true, pointRadius: 5, pointHoverRadius: 7,
        pointBackgroundColor: pts.map((p) => STATUS_COLOR[p?.status ?? 'unknown']),
      });
    });
  } else {
    const pts = d.group ? d.groups : d.series.flatMap((s) => s.points);
    pointsOf.push(pts);
    datasets.push({
      type: 'bar', label: tl(d.kpi.label), data: pts.map((p) => scale(p.value)),
      backgroundColor: pts.map((p) => STATUS_COLOR[p.status]), borderRadius: 4, maxBarThickness: 56,
    });
  }
  for (const [value, name, color] of [[d.kpi.target, t('kpiTarget'), '#15803d'], [d.kpi.warning, t('kpiWarning'), '#b45309']] as const) {
    if (value === null) continue;
    datasets.push({
      type: 'line', label: `${name} (${formatKpiValue(unit, value)})`, data: labels.map(() => scale(value)),
      borderColor: color, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, pointHitRadius: 0, fill: false,
    });
  }
  return new ChartJs(canvas, {
    type: byPeriod ? 'line' : 'bar',
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true } },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const p = pointsOf[item.datasetIndex]?.[item.dataIndex];
              return p ? `${item.dataset.label ?? ''} : ${formatKpiValue(unit, p.value)} (n = ${p.n})` : String(item.dataset.label ?? '');
            },
          },
        },
      },
      onClick: (_event, elements) => {
        const el = elements[0];
        const p = el ? pointsOf[el.datasetIndex]?.[el.index] : undefined;
        if (p) navigate(`${href(p.query.type)}?${p.query.search}`);
      },
    },
  });
}

function renderDetail(ctx: ViewContext, id: string, query: URLSearchParams): void {
  const slot = h('div', { class: 'kpi-detail' }, loading());
  const header = h('div');
  ctx.root.replaceChildren(header, slot);
  const params: Record<string, string> = {};
  for (const [k, v] of query) params[k] = v;
  let chart: Chart | null = null;
  ctx.onCleanup(() => chart?.destroy());
  api.get<Detail>(`/kpis/${encodeURIComponent(id)}`, params).then(async (d) => {
    if (!ctx.alive()) return;
    replaceQuery(`/kpis/${id}`, new URLSearchParams(params));
    header.replaceChildren(pageHeader(tl(d.kpi.label), [h('a', { href: href('kpis'), class: 'btn btn-ghost' }, t('kpis'))],
      h('span', null, formatKpiValue(d.kpi.unit, d.value), ' ', statusBadge(d.status))));
    const tm = d.kpi.type ? typeMeta(d.kpi.type) : undefined;
    const groupable = (tm?.fields ?? []).filter((f) => f.filterable && ['enum', 'text', 'ref', 'integer', 'boolean'].includes(f.kind));
    const change = (key: string, value: string) => {
      const next = new URLSearchParams(query);
      next.set(key, value);
      navigate(`${href('kpis', id)}?${next.toString()}`);
    };
    const groupSel = h('select', { class: 'filter', testid: 'kpi-group', 'aria-label': t('kpiGroup'), onchange: (ev: Event) => change('group', (ev.target as HTMLSelectElement).value) },
      h('option', { value: 'none', selected: !d.group }, `${t('kpiGroup')} : ${t('kpiNoGroup')}`),
      groupable.map((f) => h('option', { value: f.name, selected: d.group === f.name }, `${t('kpiGroup')} : ${tl(f.label)}`)));
    const periodSel = h('select', { class: 'filter', testid: 'kpi-period', 'aria-label': t('kpiPeriod'), onchange: (ev: Event) => change('period', (ev.target as HTMLSelectElement).value) },
      (['month', 'week', 'none'] as const).map((p) => h('option', { value: p, selected: d.period === p }, `${t('kpiPeriod')} : ${t(`kpiPeriod_${p}` as MsgKey)}`)));
    const canvas = h('canvas', { testid: 'kpi-chart', role: 'img', 'aria-label': tl(d.kpi.label) });
    const groupsTable = d.groups.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', testid: 'kpi-groups' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('kpiGroup')), h('th', { scope: 'col' }, t('kpiValue')), h('th', { scope: 'col' }, 'n'), h('th', { scope: 'col' }, t('kpiStatus')))),
        h('tbody', null, d.groups.map((g) => h('tr', null,
          h('td', null, h('a', { href: `${href(g.query.type)}?${g.query.search}` }, groupLabel(g.label, g.group))),
          h('td', null, formatKpiValue(d.kpi.unit, g.value)), h('td', null, String(g.n)), h('td', null, statusBadge(g.status)))))))
      : null;
    slot.replaceChildren(
      h('p', { class: 'record-meta' }, d.kpi.description, ' · ',
        h('a', { href: `${href(d.query.type)}?${d.query.search}`, testid: 'kpi-records' }, t('kpiRecords'))),
      h('div', { class: 'toolbar' }, h('div', { class: 'filters', role: 'group' }, groupSel, periodSel)),
      h('p', { class: 'hint' }, t('kpiClickHint')),
      h('div', { class: 'chart-box kpi-chart' }, canvas),
      groupsTable ?? '');
    chart = await drawChart(canvas, d);
    if (!ctx.alive()) chart.destroy();
  }).catch((e) => {
    if (ctx.alive()) slot.replaceChildren(errorBox(e));
  });
}

export function renderKpis(ctx: ViewContext, id: string | null, query: URLSearchParams): void {
  if (id) renderDetail(ctx, id, query);
  else renderOverview(ctx);
}
