// A report described by the server: its columns drive the table, its parameters the filters.
import { api } from '../api';
import { h } from '../dom';
import { t, tl } from '../i18n';
import { allReports, field, typeMeta } from '../meta';
import { enumLabel, formatDateTime } from '../format';
import { navigate, replaceQuery } from '../router';
import { alertBox, errorBox, loading, pageHeader, type ViewContext } from './common';
import { surveyCharts } from './survey_charts';

interface ReportResult {
  rows: Record<string, unknown>[];
  summary?: { name: string; label: { fr: string; en: string }; value: unknown }[];
}

function cell(kind: string, v: unknown): Node | string {
  if (v === null || v === undefined || v === '') return h('span', { class: 'empty' }, t('none'));
  if (kind === 'datetime') return h('time', { datetime: String(v) }, formatDateTime(v));
  if (kind.startsWith('enum:')) {
    const [type = '', name = ''] = kind.slice(5).split('.');
    const tm = typeMeta(type);
    return enumLabel(tm ? field(tm, name) : undefined, v);
  }
  return String(v);
}

export function renderReport(ctx: ViewContext, name: string, query: URLSearchParams): void {
  const meta = allReports().find((r) => r.name === name);
  if (!meta || !meta.permitted) {
    ctx.root.replaceChildren(pageHeader(name), alertBox(t('forbidden'), 'warning'));
    return;
  }
  const slot = h('div', { class: 'table-slot' }, loading());
  const summary = h('p', { class: 'record-meta', testid: 'report-summary' });
  const params: Record<string, string> = {};
  for (const p of meta.params) {
    const v = query.get(p);
    if (v) params[p] = v;
  }
  // The report's parameters (e.g. the campaign of survey results), as a small filter form.
  const inputs = meta.params.map((p) => h('input', { name: p, value: params[p] ?? '', 'aria-label': p, placeholder: p, testid: `report-param-${p}` }));
  const form = meta.params.length ? h('form', { class: 'action-row', testid: 'report-params', onsubmit: (ev: Event) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const i of inputs) if (i.value.trim()) next.set(i.name, i.value.trim());
    navigate(`#/reports/${name}${next.toString() ? `?${next.toString()}` : ''}`);
  } }, inputs, h('button', { type: 'submit', class: 'btn' }, t('filters'))) : null;
  ctx.root.replaceChildren(pageHeader(tl(meta.label)), form ?? '', summary, slot);
  replaceQuery(`/reports/${name}`, new URLSearchParams(params));
  api.get<ReportResult>(`/reports/${name}`, params).then((res) => {
    if (!ctx.alive()) return;
    summary.textContent = (res.summary ?? []).map((f) => `${tl(f.label)} : ${f.value === null || f.value === undefined ? t('none') : String(f.value)}`).join(' · ');
    slot.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'table', testid: 'report-table' },
      h('thead', null, h('tr', null, meta.columns.map((c) => h('th', { scope: 'col' }, tl(c.label))))),
      h('tbody', null, res.rows.length
        ? res.rows.map((row) => h('tr', null, meta.columns.map((c) => h('td', null, cell(c.kind, row[c.name])))))
        : h('tr', null, h('td', { colspan: meta.columns.length, class: 'empty-row' }, t('noResults')))))));
    // Reports whose rows carry a distribution (survey results) also draw it.
    if (res.rows.some((r) => Array.isArray(r.counts))) slot.append(surveyCharts(ctx, res.rows));
  }).catch((e) => {
    if (ctx.alive()) slot.replaceChildren(errorBox(e));
  });
}
