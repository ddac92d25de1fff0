// The PDCA board: every improvement in its Plan-Do-Check-Act column, the most valuable first,
// with a one-click move to the next phase (the server checks the move, as for any edit).
import { api, ApiError, errorMessage } from '../api';
import { h } from '../dom';
import { lang, t } from '../i18n';
import { field, typeMeta, type ListResponse, type RecordData } from '../meta';
import { enumLabel, formatDateTime, formatKpiValue, valueText } from '../format';
import { href } from '../router';
import { alertBox, errorBox, linkButton, loading, pageHeader, type ViewContext } from './common';

const PHASES = ['plan', 'do', 'check', 'act', 'done'] as const;

interface CheckWindow { value: number | null; n: number }
interface CheckResult {
  baseline: CheckWindow;
  after: CheckWindow;
  test: { method: string; p_value: number } | null;
  verdict: 'improved' | 'worsened' | 'no_significant_change' | 'not_enough_data';
  target_met: boolean | null;
}

const fmt = (v: unknown) => (typeof v !== 'number' ? '—' : new Intl.NumberFormat(lang(), { maximumFractionDigits: 3 }).format(v));

// The unit of each KPI (a share shows as a percentage), when the reader may see the KPIs.
type Units = Map<string, string>;
const loadUnits = (): Promise<Units> => api.get<{ kpis: { id: string; unit: string }[] }>('/kpis')
  .then((r) => new Map(r.kpis.map((k) => [k.id, k.unit])), () => new Map());

// What the last Check recorded on the improvement: the verdict, p, before → after, the target.
function effectText(rec: RecordData, units: Units): string {
  const unit = units.get(String(rec.kpi));
  const value = (v: unknown) => (unit && typeof v === 'number' ? formatKpiValue(unit, v) : fmt(v));
  const p = typeof rec.effect_p_value === 'number' ? ` (p = ${fmt(rec.effect_p_value)})` : '';
  const target = rec.effect_target_met == null ? '' : ` · ${t(rec.effect_target_met ? 'checkTargetMet' : 'checkTargetMissed')}`;
  return `${t(`check_${String(rec.effect_verdict)}` as Parameters<typeof t>[0])}${p} : ${value(rec.effect_before)} → ${value(rec.effect_after)}${target}`;
}

// PDCA's Check on a card: the indicator before and after the change, whether it really moved, kept
// on the improvement (the measure_effect action) for the register, the review pack and the trace.
function checkPanel(rec: RecordData, units: Units): HTMLElement {
  const since = typeof rec.effect_change_at === 'string' ? rec.effect_change_at.slice(0, 10) : null;
  const ago = since ?? new Date(Date.now() - 60 * 86400_000).toISOString().slice(0, 10);
  const date = h('input', { type: 'date', class: 'input input-small', value: ago, 'aria-label': t('checkChangeDate'), testid: `check-date-${rec.id}` });
  const out = h('p', { class: `check-result${rec.effect_verdict ? ` check-${String(rec.effect_verdict)}` : ''}`, 'aria-live': 'polite', testid: `check-result-${rec.id}` },
    rec.effect_verdict ? effectText(rec, units) : '');
  const run = () => {
    out.textContent = t('loading');
    api.post<CheckResult & { improvement: RecordData }>(`/improvements/${rec.id}/actions/measure_effect`,
      { change_at: `${date.value}T00:00:00Z`, window_days: 90 }).then((r) => {
      out.textContent = effectText(r.improvement, units);
      out.className = `check-result check-${r.verdict}`;
    }).catch((e) => { out.textContent = errorMessage(e); });
  };
  return h('div', { class: 'check-panel' }, date,
    h('button', { type: 'button', class: 'btn btn-small', testid: `check-run-${rec.id}`, onclick: run }, t('checkRun')), out);
}

function card(rec: RecordData, res: ListResponse, units: Units, canMove: boolean, onMove: (r: RecordData) => void): HTMLElement {
  const tm = typeMeta('improvements');
  const f = (name: string) => (tm ? field(tm, name) : undefined);
  const next = PHASES[PHASES.indexOf(rec.phase as (typeof PHASES)[number]) + 1];
  const facts: (string | null)[] = [
    rec.service != null ? valueText(f('service'), rec.service, res.titles) : null,
    rec.kpi != null ? enumLabel(f('kpi'), rec.kpi) : null,
    rec.priority_score != null ? `${t('pdcaScore')} ${String(rec.priority_score)}` : null,
    rec.due_at ? `${t('pdcaDue')} ${formatDateTime(rec.due_at)}` : null,
  ];
  return h('li', { class: 'pdca-card', testid: `pdca-card-${rec.id}` },
    h('a', { href: href('improvements', rec.id), class: 'pdca-card-title' }, String(rec.title ?? `#${rec.id}`)),
    h('p', { class: 'pdca-card-facts' }, facts.filter(Boolean).join(' · ')),
    canMove && next
      ? h('button', { type: 'button', class: 'btn btn-small', testid: `pdca-move-${rec.id}`, onclick: () => onMove(rec) },
        `→ ${enumLabel(f('phase'), next)}`)
      : null,
    rec.kpi != null && ['check', 'act', 'done'].includes(String(rec.phase)) ? checkPanel(rec, units) : null);
}

export function renderPdcaBoard(ctx: ViewContext): void {
  const tm = typeMeta('improvements');
  if (!tm || !tm.permissions.read) {
    ctx.root.replaceChildren(pageHeader(t('pdcaBoard')), alertBox(t('forbidden'), 'warning'));
    return;
  }
  const notice = h('div', { class: 'pdca-notice', 'aria-live': 'polite' });
  const board = h('div', { class: 'pdca-board', testid: 'pdca-board' }, loading());
  ctx.root.replaceChildren(
    pageHeader(t('pdcaBoard'), tm.permissions.create ? [linkButton(t('pdcaNew'), href('improvements', 'new'), 'pdca-new')] : []),
    h('p', { class: 'record-meta' }, t('pdcaIntro')), notice, board);

  const units = loadUnits();
  const load = () => {
    Promise.all([api.get<ListResponse>('/improvements', { limit: 200, sort: '-priority_score' }), units]).then(([res, u]) => {
      if (!ctx.alive()) return;
      const canMove = tm.permissions.update && field(tm, 'phase')?.writable !== false;
      const columns = PHASES.map((phase) => {
        const items = res.items.filter((r) => r.phase === phase);
        return h('section', { class: `pdca-column pdca-${phase}`, testid: `pdca-column-${phase}`, 'aria-label': enumLabel(field(tm, 'phase'), phase) },
          h('h2', null, enumLabel(field(tm, 'phase'), phase), h('span', { class: 'pdca-count' }, String(items.length))),
          h('ul', { class: 'pdca-cards' }, items.map((r) => card(r, res, u, canMove, move))));
      });
      board.replaceChildren(...columns);
      if (res.total > res.items.length) notice.replaceChildren(alertBox(t('pdcaTruncated', { shown: res.items.length, total: res.total }), 'info'));
    }).catch((e) => {
      if (ctx.alive()) board.replaceChildren(errorBox(e));
    });
  };

  const move = (rec: RecordData) => {
    const next = PHASES[PHASES.indexOf(rec.phase as (typeof PHASES)[number]) + 1];
    if (!next) return;
    api.patch(`/improvements/${rec.id}`, { phase: next, version: rec.version }).then(() => {
      if (!ctx.alive()) return;
      notice.replaceChildren();
      load();
    }).catch((e) => {
      if (!ctx.alive()) return;
      // A refused move says why (no baseline yet, someone else edited it first...).
      notice.replaceChildren(alertBox(e instanceof ApiError ? errorMessage(e) : String(e), 'warning'));
      if (e instanceof ApiError && e.status === 409) load();
    });
  };
  load();
}
