// The audit log (administrators).
import { api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { isAdmin } from '../meta';
import { formatDateTime } from '../format';
import { replaceQuery } from '../router';
import { alertBox, errorBox, loading, pageHeader, type ViewContext } from './common';

interface AuditItem {
  at: string;
  user_id: number | null;
  login: string | null;
  event: string;
  detail: unknown;
  ip: string | null;
}

const LIMIT = 50;

export function renderAudit(ctx: ViewContext, query: URLSearchParams): void {
  if (!isAdmin()) {
    ctx.root.replaceChildren(pageHeader(t('audit')), alertBox(t('forbidden'), 'warning'));
    return;
  }
  let offset = Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);
  const count = h('span', { class: 'count' });
  const slot = h('div', { class: 'table-slot' }, loading());
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pagination' });
  ctx.root.replaceChildren(pageHeader(t('audit'), [], count), slot, pager);

  async function load(): Promise<void> {
    replaceQuery('/audit', new URLSearchParams(offset ? { offset: String(offset) } : {}));
    try {
      const res = await api.get<{ items: AuditItem[]; total: number }>('/audit', { limit: LIMIT, offset });
      if (!ctx.alive()) return;
      const total = res.total ?? res.items.length;
      count.textContent = `${total} ${t('records')}`;
      slot.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'table', testid: 'audit-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('colDate')), h('th', { scope: 'col' }, t('colWho')),
          h('th', { scope: 'col' }, t('auditEvent')), h('th', { scope: 'col' }, t('auditDetail')), h('th', { scope: 'col' }, t('auditIp')))),
        h('tbody', null, res.items.length ? res.items.map((it) => h('tr', null,
          h('td', { class: 'nowrap' }, h('time', { datetime: it.at }, formatDateTime(it.at))),
          h('td', null, it.login ?? (it.user_id != null ? `#${it.user_id}` : t('none'))),
          h('td', null, h('code', null, it.event)),
          h('td', { class: 'detail-cell' }, it.detail == null ? '' : typeof it.detail === 'string' ? it.detail : JSON.stringify(it.detail)),
          h('td', { class: 'nowrap' }, it.ip ?? '')))
          : h('tr', null, h('td', { colspan: 5, class: 'empty-row' }, t('noResults')))))));
      const from = total === 0 ? 0 : offset + 1;
      pager.replaceChildren(
        h('button', { type: 'button', class: 'btn', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - LIMIT); void load(); } }, `‹ ${t('previous')}`),
        h('span', { class: 'range' }, t('range', { from, to: Math.min(offset + res.items.length, total), total })),
        h('button', { type: 'button', class: 'btn', disabled: offset + LIMIT >= total, onclick: () => { offset += LIMIT; void load(); } }, `${t('next')} ›`));
    } catch (e) {
      if (ctx.alive()) slot.replaceChildren(errorBox(e));
    }
  }
  void load();
}
