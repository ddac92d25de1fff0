// The change history of one record.
import { api } from '../api';
import { h } from '../dom';
import { t, tl } from '../i18n';
import { field, recordTitle, typeMeta, type RecordData } from '../meta';
import { formatDateTime, valueText } from '../format';
import { href } from '../router';
import { alertBox, errorBox, loading, pageHeader, type ViewContext } from './common';

interface HistoryItem {
  version: number;
  at: string;
  user_id: number | null;
  login: string | null;
  field: string;
  old: unknown;
  new: unknown;
}

export async function renderHistory(ctx: ViewContext, type: string, id: number): Promise<void> {
  const tm = typeMeta(type);
  if (!tm) {
    ctx.root.replaceChildren(alertBox(t('unknownType', { type })));
    return;
  }
  ctx.root.replaceChildren(loading());
  let items: HistoryItem[];
  let rec: RecordData | null = null;
  try {
    const [hist, r] = await Promise.all([
      api.get<{ items: HistoryItem[] }>(`/${type}/${id}/history`),
      api.get<RecordData>(`/${type}/${id}`).catch(() => null),
    ]);
    items = hist.items ?? [];
    rec = r;
  } catch (e) {
    if (ctx.alive()) ctx.root.replaceChildren(pageHeader(t('historyTitle', { title: `#${id}` })), errorBox(e));
    return;
  }
  if (!ctx.alive()) return;
  const title = rec ? recordTitle(tm, rec) : `#${id}`;
  const titles = rec?._titles;

  const cell = (name: string, v: unknown) => {
    const f = field(tm, name);
    const s = valueText(f, v, titles);
    return s === '' ? h('span', { class: 'empty' }, t('none')) : h('span', { class: f?.kind === 'markdown' ? 'multiline' : '' }, s);
  };
  const rows = items.map((it) => h('tr', null,
    h('td', { class: 'col-id' }, String(it.version)),
    h('td', { class: 'nowrap' }, h('time', { datetime: it.at }, formatDateTime(it.at))),
    h('td', null, it.login ?? (it.user_id != null ? `#${it.user_id}` : t('none'))),
    it.field.startsWith('_')
      ? h('td', { colspan: 2, class: 'event' }, it.field === '_created' ? t('histCreated') : it.field === '_deleted' ? t('histDeleted') : it.field)
      : [h('td', null, tl(field(tm, it.field)?.label) || it.field),
        h('td', { class: 'change' }, h('span', { class: 'old' }, cell(it.field, it.old)),
          h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '), h('span', { class: 'new' }, cell(it.field, it.new)))]));

  ctx.root.replaceChildren(
    h('nav', { class: 'breadcrumb' }, h('a', { href: href(type) }, tl(tm.label)), ' / ',
      h('a', { href: href(type, id) }, `#${id}`), ' / ', t('history')),
    pageHeader(t('historyTitle', { title }), [h('a', { href: href(type, id), class: 'btn' }, t('back'))]),
    items.length === 0 ? alertBox(t('noHistory'), 'info')
      : h('div', { class: 'table-wrap' }, h('table', { class: 'table', testid: 'history-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('colVersion')), h('th', { scope: 'col' }, t('colDate')),
          h('th', { scope: 'col' }, t('colWho')), h('th', { scope: 'col' }, t('colField')),
          h('th', { scope: 'col' }, t('colChange')))),
        h('tbody', null, rows))));
}
