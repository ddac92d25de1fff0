// Home: open tickets by priority, nearest SLA due dates, latest feedback, improvements by PDCA phase.
import { api, ApiError } from '../api';
import { h } from '../dom';
import { t, tl, type MsgKey } from '../i18n';
import { field, typeMeta, type FieldMeta, type ListResponse, type RecordData } from '../meta';
import { enumLabel, formatDateTime, valueNode } from '../format';
import { href } from '../router';
import { alertBox, errorBox, pageHeader, type ViewContext } from './common';

type Charts = typeof import('../charts');
interface CountResponse {
  items: { key: unknown; count: number }[];
}

const OPEN = 'new,assigned,in_progress,pending';
const PRIORITY_COLORS: Record<string, string> = { critical: '#b91c1c', high: '#ea580c', medium: '#d4a106', low: '#16a34a' };
const PHASE_COLORS: Record<string, string> = { plan: '#2563eb', do: '#7c3aed', check: '#0891b2', act: '#ea580c', done: '#16a34a' };
const FALLBACK = ['#64748b', '#94a3b8', '#0f766e', '#9333ea'];

function card(titleKey: MsgKey, testid: string, wide = false): { el: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'card-body' }, h('div', { class: 'skeleton' }));
  const el = h('section', { class: `card dash-card${wide ? ' wide' : ''}`, testid },
    h('h2', { class: 'card-title' }, t(titleKey)), body);
  return { el, body };
}

function unreadable(body: HTMLElement): void {
  body.replaceChildren(alertBox(t('forbidden'), 'warning'));
}

function failure(body: HTMLElement, e: unknown): void {
  body.replaceChildren(e instanceof ApiError && e.status === 403 ? alertBox(t('forbidden'), 'warning') : errorBox(e));
}

/** Counts in the order of the enum's options; unknown keys at the end. */
function ordered(f: FieldMeta | undefined, items: CountResponse['items']): { key: string; label: string; count: number }[] {
  const out: { key: string; label: string; count: number }[] = [];
  for (const o of f?.options ?? []) {
    const c = items.find((i) => i.key === o.id);
    out.push({ key: o.id, label: tl(o.label), count: c?.count ?? 0 });
  }
  for (const i of items) {
    const k = i.key === null || i.key === undefined ? '' : String(i.key);
    if (!out.some((o) => o.key === k)) out.push({ key: k, label: k ? enumLabel(f, k) : t('none'), count: i.count });
  }
  return out;
}

export function renderDashboard(ctx: ViewContext): void {
  const prio = card('chartOpenByPriority', 'dash-priority');
  const sla = card('chartSlaSoon', 'dash-sla');
  const fb = card('chartLatestFeedback', 'dash-feedback');
  const phase = card('chartImprovementsByPhase', 'dash-phase');
  ctx.root.replaceChildren(
    pageHeader(t('dashboard')),
    h('div', { class: 'dashboard', testid: 'dashboard' }, prio.el, sla.el, phase.el, fb.el));

  const charts: { destroy: () => void }[] = [];
  ctx.onCleanup(() => charts.forEach((c) => c.destroy()));
  let chartsModule: Promise<Charts> | null = null;
  const loadCharts = () => (chartsModule ??= import('../charts'));

  const tickets = typeMeta('tickets');
  const improvements = typeMeta('improvements');
  const feedback = typeMeta('feedback');

  // Open tickets by priority.
  if (!tickets?.permissions.read) {
    unreadable(prio.body);
    unreadable(sla.body);
  } else {
    const pf = field(tickets, 'priority');
    Promise.all([api.get<CountResponse>('/tickets/count', { field: 'priority', status__in: OPEN }), loadCharts()])
      .then(([res, ch]) => {
        if (!ctx.alive()) return;
        const rows = ordered(pf, res.items ?? []);
        const total = rows.reduce((s, r) => s + r.count, 0);
        const canvas = h('canvas', { role: 'img', 'aria-label': `${t('chartOpenByPriority')}: ${rows.map((r) => `${r.label} ${r.count}`).join(', ')}` });
        prio.body.replaceChildren(h('div', { class: 'chart-box' }, canvas),
          h('p', { class: 'chart-note' }, `${total} ${t('tickets')}`));
        charts.push(ch.barChart(canvas, rows.map((r) => r.label), rows.map((r) => r.count),
          rows.map((r, i) => PRIORITY_COLORS[r.key] ?? FALLBACK[i % FALLBACK.length]!), t('chartOpenByPriority')));
      })
      .catch((e) => ctx.alive() && failure(prio.body, e));

    // The ten open tickets due soonest.
    api.get<ListResponse>('/tickets', { status__in: OPEN, sort: 'sla_due', limit: 10 })
      .then((res) => {
        if (!ctx.alive()) return;
        if (res.items.length === 0) {
          sla.body.replaceChildren(h('p', { class: 'muted' }, t('noData')));
          return;
        }
        const now = Date.now();
        sla.body.replaceChildren(h('ul', { class: 'dash-list', testid: 'sla-list' }, res.items.map((r: RecordData) => {
          const due = typeof r.sla_due === 'string' ? r.sla_due : '';
          const late = due !== '' && new Date(due).getTime() < now;
          return h('li', null,
            h('a', { href: href('tickets', r.id), class: 'dash-item-title' }, `#${r.id} ${String(r.title ?? '')}`),
            h('span', { class: 'dash-item-meta' },
              pf ? valueNode(pf, r.priority) : null, ' ',
              h('time', { datetime: due, class: late ? 'late' : '' }, formatDateTime(due)),
              late ? h('span', { class: 'late-tag' }, ` ${t('overdue')}`) : null));
        })));
      })
      .catch((e) => ctx.alive() && failure(sla.body, e));
  }

  // Latest feedback.
  if (!feedback?.permissions.read) unreadable(fb.body);
  else {
    const kf = field(feedback, 'kind');
    const sf = field(feedback, 'stakeholder');
    api.get<ListResponse>('/feedback', { limit: 5, sort: '-created_at' })
      .then((res) => {
        if (!ctx.alive()) return;
        if (res.items.length === 0) {
          fb.body.replaceChildren(h('p', { class: 'muted' }, t('noData')));
          return;
        }
        fb.body.replaceChildren(h('ul', { class: 'dash-list', testid: 'feedback-list' }, res.items.map((r) => {
          const rating = typeof r.rating === 'number' ? Math.max(0, Math.min(5, Math.round(r.rating))) : null;
          return h('li', null,
            h('a', { href: href('feedback', r.id), class: 'dash-item-title' }, String(r.summary ?? `#${r.id}`)),
            h('span', { class: 'dash-item-meta' },
              kf ? valueNode(kf, r.kind) : null, ' ',
              rating !== null ? h('span', { class: 'stars', title: `${rating}/5`, 'aria-label': `${rating}/5` }, '★'.repeat(rating) + '☆'.repeat(5 - rating)) : null,
              ' ', sf && r.stakeholder != null ? h('span', { class: 'muted' }, res.titles?.stakeholders?.[String(r.stakeholder)] ?? '') : null,
              ' ', h('time', { class: 'muted', datetime: String(r.created_at ?? '') }, formatDateTime(r.created_at))));
        })));
      })
      .catch((e) => ctx.alive() && failure(fb.body, e));
  }

  // Improvements by PDCA phase.
  if (!improvements?.permissions.read) unreadable(phase.body);
  else {
    const phf = field(improvements, 'phase');
    Promise.all([api.get<CountResponse>('/improvements/count', { field: 'phase' }), loadCharts()])
      .then(([res, ch]) => {
        if (!ctx.alive()) return;
        const rows = ordered(phf, res.items ?? []).filter((r) => r.count > 0);
        if (rows.length === 0) {
          phase.body.replaceChildren(h('p', { class: 'muted' }, t('noData')));
          return;
        }
        const canvas = h('canvas', { role: 'img', 'aria-label': `${t('chartImprovementsByPhase')}: ${rows.map((r) => `${r.label} ${r.count}`).join(', ')}` });
        phase.body.replaceChildren(h('div', { class: 'chart-box' }, canvas));
        charts.push(ch.doughnutChart(canvas, rows.map((r) => r.label), rows.map((r) => r.count),
          rows.map((r, i) => PHASE_COLORS[r.key] ?? FALLBACK[i % FALLBACK.length]!)));
      })
      .catch((e) => ctx.alive() && failure(phase.body, e));
  }
}
