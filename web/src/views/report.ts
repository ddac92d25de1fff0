// A report described by the server: its columns drive the table, its parameters the filters, its
// chart description (if any) the chart, and the same query downloads as CSV.
import { api, queryString } from '../api';
import { h } from '../dom';
import { lang, t, tl } from '../i18n';
import { allReports, allTypes, field, typeMeta, type FieldMeta, type ListResponse, type ReportMeta } from '../meta';
import { enumLabel, formatDateTime } from '../format';
import { replaceQuery } from '../router';
import { alertBox, errorBox, loading, pageHeader, type ViewContext } from './common';
import { surveyCharts } from './survey_charts';

interface ReportResult {
  rows: Record<string, unknown>[];
  total?: number;  // paged reports: every row, the page aside
  summary?: { name: string; label: { fr: string; en: string }; value: unknown }[];
}

function enumField(kind: string): FieldMeta | undefined {
  if (!kind.startsWith('enum:')) return undefined;
  const [type = '', name = ''] = kind.slice(5).split('.');
  const tm = typeMeta(type);
  return tm ? field(tm, name) : undefined;
}

function cell(kind: string, v: unknown): Node | string {
  if (v === null || v === undefined || v === '') return h('span', { class: 'empty' }, t('none'));
  if (kind === 'datetime') return h('time', { datetime: String(v) }, formatDateTime(v));
  if (kind.startsWith('enum:')) return enumLabel(enumField(kind), v);
  if (typeof v === 'boolean') return v ? '✓' : '';
  return String(v);
}

// A filter for one report parameter, found from the descriptions: the type the report declares for it,
// or a type named after it (service ->
// services) gives a choice of its records, an enum field of that name a choice of its options,
// "since" a date; anything else is typed in.
function paramControl(name: string, value: string, onChange: (v: string) => void, declared?: string): HTMLElement {
  const label = (text: string) => `${text} : ${t('all')}`;
  // A parameter named like a type, or like a reference field of some type (campaign → survey_campaigns).
  const refField = allTypes().flatMap((tm) => tm.fields).find((f) => f.name === name && f.kind === 'ref' && f.ref_type);
  const refType = (declared ? typeMeta(declared) : undefined) ?? typeMeta(`${name}s`) ?? typeMeta(name) ?? (refField?.ref_type ? typeMeta(refField.ref_type) : undefined);
  const enumOf = allTypes().flatMap((tm) => tm.fields).find((f) => f.name === name && f.kind === 'enum');
  let control: HTMLInputElement | HTMLSelectElement;
  if (refType && refType.permissions.read) {
    const sel = h('select', { class: 'filter', testid: `report-param-${name}`, 'aria-label': tl(refType.singular) },
      h('option', { value: '' }, label(tl(refType.singular))));
    api.get<ListResponse>(`/${refType.name}`, { limit: 200, sort: refType.title_field || '-id' }).then((res) => {
      for (const rec of res.items)
        sel.append(h('option', { value: String(rec.id), selected: String(rec.id) === value },
          String(rec[refType.title_field] ?? `#${rec.id}`)));
    }).catch(() => undefined);
    control = sel;
  } else if (enumOf) {
    control = h('select', { class: 'filter', testid: `report-param-${name}`, 'aria-label': tl(enumOf.label) },
      h('option', { value: '' }, label(tl(enumOf.label))),
      enumOf.options.map((o) => h('option', { value: o.id, selected: o.id === value }, tl(o.label))));
  } else {
    control = h('input', {
      class: 'filter', testid: `report-param-${name}`, 'aria-label': name, placeholder: name,
      type: name === 'since' ? 'date' : 'text', value: name === 'since' ? value.slice(0, 10) : value,
    });
  }
  control.addEventListener('change', () => {
    const v = control.value.trim();
    onChange(name === 'since' && v ? `${v}T00:00:00Z` : v);
  });
  return control;
}

export function renderReport(ctx: ViewContext, name: string, query: URLSearchParams): void {
  const meta = allReports().find((r) => r.name === name);
  if (!meta || !meta.permitted) {
    ctx.root.replaceChildren(pageHeader(name), alertBox(t('forbidden'), 'warning'));
    return;
  }
  const params: Record<string, string> = {};
  for (const p of meta.params) {
    const v = query.get(p);
    if (v) params[p] = v;
  }
  const csv = h('a', { class: 'btn', testid: 'export-csv', download: `${name}.csv`, title: t('exportCsvHint') }, t('exportCsv'));
  const slot = h('div', { class: 'table-slot' }, loading());
  const chartSlot = h('div', { class: 'report-chart', testid: 'report-chart', hidden: !meta.chart });
  const summary = h('p', { class: 'record-meta', testid: 'report-summary' });
  // Paged reports (a row per stakeholder) are read one page at a time; the CSV still has every row.
  const PAGE = 50;
  let offset = 0;
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pagination' });
  const filters = meta.params.map((p) => paramControl(p, params[p] ?? '', (v) => {
    if (v) params[p] = v;
    else delete params[p];
    offset = 0;
    void load();
  }, meta.record_params?.[p]));
  ctx.root.replaceChildren(
    pageHeader(tl(meta.label), [csv]),
    filters.length ? h('div', { class: 'toolbar' }, h('div', { class: 'filters', role: 'group', 'aria-label': t('filters') }, filters)) : '',
    summary, chartSlot, slot, pager);

  let chart: { destroy: () => void } | null = null;
  ctx.onCleanup(() => chart?.destroy());
  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq;
    replaceQuery(`/reports/${name}`, new URLSearchParams(params));
    csv.href = `/api/v1/reports/${name}${queryString({ ...params, format: 'csv', lang: lang() })}`;
    try {
      const page: Record<string, string | number> = meta!.paged ? { ...params, limit: PAGE, offset } : params;
      const res = await api.get<ReportResult>(`/reports/${name}`, page);
      if (!ctx.alive() || mine !== seq) return;
      renderPager(res);
      summary.textContent = (res.summary ?? []).map((f) => `${tl(f.label)} : ${f.value === null || f.value === undefined ? t('none') : String(f.value)}`).join(' · ');
      renderTable(meta!, res);
      await renderChart(meta!, res);
    } catch (e) {
      if (ctx.alive() && mine === seq) slot.replaceChildren(errorBox(e));
    }
  }

  function renderTable(m: ReportMeta, res: ReportResult): void {
    slot.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'table', testid: 'report-table' },
      h('thead', null, h('tr', null, m.columns.map((c) => h('th', { scope: 'col' }, tl(c.label))))),
      h('tbody', null, res.rows.length
        ? res.rows.map((row) => h('tr', null, m.columns.map((c) => h('td', null, cell(c.kind, row[c.name])))))
        : h('tr', null, h('td', { colspan: m.columns.length, class: 'empty-row' }, t('noResults')))))));
    // Reports whose rows carry a distribution (survey results) also draw it.
    if (res.rows.some((r) => Array.isArray(r.counts))) slot.append(surveyCharts(ctx, res.rows));
  }

  function renderPager(res: ReportResult): void {
    const total = res.total;
    if (!meta!.paged || total === undefined || total <= PAGE) {
      pager.replaceChildren();
      return;
    }
    const from = total === 0 ? 0 : offset + 1;
    const to = Math.min(offset + res.rows.length, total);
    pager.replaceChildren(
      h('button', {
        type: 'button', class: 'btn', testid: 'page-prev', disabled: offset === 0,
        onclick: () => { offset = Math.max(0, offset - PAGE); void load(); },
      }, `‹ ${t('previous')}`),
      h('span', { class: 'range', testid: 'page-range' }, t('range', { from, to, total })),
      h('button', {
        type: 'button', class: 'btn', testid: 'page-next', disabled: offset + PAGE >= total,
        onclick: () => { offset += PAGE; void load(); },
      }, `${t('next')} ›`));
  }

  async function renderChart(m: ReportMeta, res: ReportResult): Promise<void> {
    if (!m.chart) return;
    const module = await import('../report_chart');
    if (!ctx.alive()) return;
    chart?.destroy();
    const canvas = h('canvas', { role: 'img', 'aria-label': `${t('reportChart')} : ${tl(m.label)}` });
    chartSlot.replaceChildren(h('div', { class: 'chart-box' }, canvas));
    const kindOf = (column: string) => m.columns.find((c) => c.name === column)?.kind ?? 'text';
    const text = (column: string, v: unknown): string => {
      const f = enumField(kindOf(column));
      return f ? enumLabel(f, v) : v === null || v === undefined ? '' : String(v);
    };
    const options = (column: string) => enumField(kindOf(column))?.options.map((o) => o.id) ?? null;
    chart = module.reportChart(canvas, m, res.rows, text, options);
  }

  void load();
}
