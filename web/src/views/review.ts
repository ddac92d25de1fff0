// The monthly service review pack: for one service and one month, the figures, what stakeholders
// said, the improvements under way with their targets and measured effects, and the changes made.
// It is built from the same list API as every screen and prints cleanly from the browser for the
// stakeholder meeting.
import { api } from '../api';
import { h, type Child } from '../dom';
import { t, tl } from '../i18n';
import { field, typeMeta, type ListResponse, type RecordData } from '../meta';
import { formatDateTime, formatNumber, valueText } from '../format';
import { href, replaceQuery } from '../router';
import { alertBox, errorBox, loading, pageHeader, type ViewContext } from './common';

function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1));
  const end = new Date(Date.UTC(y, m, 1));
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [iso(start), iso(end)];
}

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

const count = (type: string, q: Record<string, string | number>) =>
  api.get<ListResponse>(`/${type}`, { ...q, limit: 1 }).then((r) => r.total);

function figure(label: string, value: Child, testid: string): HTMLElement {
  return h('div', { class: 'review-figure', testid }, h('div', { class: 'review-value' }, value), h('div', { class: 'review-label' }, label));
}

function table(type: string, rows: RecordData[], columns: string[], titles: ListResponse['titles']): HTMLElement {
  const tm = typeMeta(type);
  if (!tm) return h('p', null, '');
  const caption = h('caption', null, tl(tm.label));
  if (rows.length === 0) return h('div', { testid: `review-${type}` }, h('h4', null, tl(tm.label)), h('p', { class: 'muted' }, t('noResults')));
  const fields = columns.map((c) => field(tm, c));
  // created_at is a field of every record, not of a description.
  const label = (i: number) => (columns[i] === 'created_at' ? t('createdAt') : fields[i] ? tl(fields[i].label) : columns[i]);
  return h('table', { class: 'table review-table', testid: `review-${type}` }, caption,
    h('thead', null, h('tr', null, fields.map((_, i) => h('th', { scope: 'col' }, label(i))))),
    h('tbody', null, rows.map((r) => h('tr', null, fields.map((f, i) => {
      const v = r[columns[i] ?? ''];
      const text = f?.kind === 'datetime' || columns[i] === 'created_at' ? formatDateTime(v) : valueText(f, v, titles);
      return h('td', null, i === 0 ? h('a', { href: href(type, r.id) }, text) : text);
    })))));
}

export function renderReview(ctx: ViewContext, query: URLSearchParams): void {
  const services = h('select', { class: 'input', testid: 'review-service', 'aria-label': t('reviewService') });
  const month = h('input', { class: 'input', type: 'month', testid: 'review-month', value: query.get('month') || lastMonth(), 'aria-label': t('reviewMonth') });
  const body = h('div', { class: 'review-body', testid: 'review-body' }, loading());
  const print = h('button', { type: 'button', class: 'btn', testid: 'review-print', onclick: () => window.print() }, t('reviewPrint'));
  ctx.root.replaceChildren(pageHeader(t('reviewTitle'), [print]),
    h('div', { class: 'review-controls no-print' }, services, month), body);

  const load = () => {
    const service = services.value;
    const m = month.value;
    if (!service || !/^\d{4}-\d{2}$/.test(m)) return;
    replaceQuery('/review', new URLSearchParams({ service, month: m }));
    const [from, to] = monthRange(m);
    const inMonth = { service, created_at__gte: from, created_at__lt: to };
    body.replaceChildren(loading());
    Promise.all([
      count('tickets', inMonth),
      count('tickets', { service, resolved_at__gte: from, resolved_at__lt: to }),
      count('tickets', { service, resolved_at__gte: from, resolved_at__lt: to, sla_breached: 'true' }),
      count('tickets', { service, created_at__lt: to, status__in: 'new,assigned,in_progress,pending' }),
      api.get<ListResponse>('/feedback', { ...inMonth, limit: 200, sort: '-created_at' }),
      api.get<ListResponse>('/improvements', { service, limit: 100, sort: '-priority_score' }),
      api.get<ListResponse>('/changes', { service, updated_at__gte: from, updated_at__lt: to, limit: 100 }).catch(() => null),
      api.get<ListResponse>('/demands', { ...inMonth, limit: 100 }),
    ]).then(([created, resolved, breached, open, feedback, improvements, changes, demands]) => {
      if (!ctx.alive()) return;
      const ratings = feedback.items.map((f) => f.rating).filter((r): r is number => typeof r === 'number');
      const mean = ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null;
      const sla = resolved > 0 ? 1 - breached / resolved : null;
      const pct = (v: number | null) => (v === null ? t('none') : `${formatNumber(Math.round(v * 1000) / 10, true)} %`);
      const serviceName = services.selectedOptions[0]?.textContent ?? '';
      const sections: HTMLElement[] = [
        h('h2', { class: 'review-heading' }, t('reviewHeading', { service: serviceName, month: m })),
        h('section', { class: 'review-section' }, h('h3', null, t('reviewFigures')),
          h('div', { class: 'review-figures' },
            figure(t('reviewCreated'), String(created), 'review-created'),
            figure(t('reviewResolved'), String(resolved), 'review-resolved'),
            figure(t('reviewSla'), pct(sla), 'review-sla'),
            figure(t('reviewBacklog'), String(open), 'review-backlog'),
            figure(t('reviewRating'), mean === null ? t('none') : `${formatNumber(Math.round(mean * 10) / 10, true)} / 5 (${ratings.length})`, 'review-rating'))),
        h('section', { class: 'review-section' }, h('h3', null, t('reviewSaid')),
          table('feedback', feedback.items, ['summary', 'kind', 'rating', 'status', 'created_at'], feedback.titles),
          table('demands', demands.items, ['title', 'kind', 'status', 'destination'], demands.titles)),
        h('section', { class: 'review-section' }, h('h3', null, t('reviewImprovements')),
          table('improvements', improvements.items, ['title', 'phase', 'kpi', 'baseline', 'target', 'effect_after', 'effect_verdict', 'due_at'], improvements.titles)),
      ];
      if (changes) sections.push(h('section', { class: 'review-section' }, h('h3', null, t('reviewChanges')),
        table('changes', changes.items, ['title', 'status', 'risk', 'planned_start'], changes.titles)));
      body.replaceChildren(...sections);
    }).catch((e) => {
      if (ctx.alive()) body.replaceChildren(errorBox(e));
    });
  };

  services.addEventListener('change', load);
  month.addEventListener('change', load);
  api.get<ListResponse>('/services', { limit: 200, sort: 'name' }).then((res) => {
    if (!ctx.alive()) return;
    if (res.items.length === 0) {
      body.replaceChildren(alertBox(t('noResults'), 'info'));
      return;
    }
    const want = query.get('service');
    services.replaceChildren(...res.items.map((s) => h('option', { value: String(s.id), selected: String(s.id) === want }, String(s.name))));
    load();
  }).catch((e) => {
    if (ctx.alive()) body.replaceChildren(errorBox(e));
  });
}
