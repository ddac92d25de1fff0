// Bar charts of a survey's results report: one per question with a distribution (labels, counts).
import { h } from '../dom';
import { t } from '../i18n';
import type { ViewContext } from './common';

const COLORS = ['#2563eb', '#0891b2', '#059669', '#65a30d', '#ca8a04', '#ea580c', '#dc2626', '#db2777', '#7c3aed', '#4b5563', '#0f766e'];

export function surveyCharts(ctx: ViewContext, rows: Record<string, unknown>[]): HTMLElement {
  const section = h('section', { class: 'survey-charts', testid: 'survey-charts' }, h('h2', null, t('surveyCharts')));
  const charted = rows.filter((r) => Array.isArray(r.counts) && (r.counts as unknown[]).length > 0);
  const charts: { destroy: () => void }[] = [];
  ctx.onCleanup(() => charts.forEach((c) => c.destroy()));
  void import('../charts').then((ch) => {
    if (!ctx.alive()) return;
    for (const row of charted) {
      const labels = (row.labels as unknown[]).map(String);
      const counts = (row.counts as unknown[]).map(Number);
      const title = `${String(row.position)}. ${String(row.text)}`;
      const canvas = h('canvas', { role: 'img', 'aria-label': `${title}: ${labels.map((l, i) => `${l} ${counts[i]}`).join(', ')}` });
      section.append(h('figure', { class: 'card' }, h('figcaption', null, title), h('div', { class: 'chart-box' }, canvas)));
      charts.push(ch.barChart(canvas, labels, counts, labels.map((_, i) => COLORS[i % COLORS.length] ?? '#2563eb'), title));
    }
  });
  return section;
}
