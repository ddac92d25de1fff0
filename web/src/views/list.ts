// Generic list of any record type, generated from its description.
import { api, queryString } from '../api';
import { h } from '../dom';
import { lang, t, tl } from '../i18n';
import { typeMeta, type FieldMeta, type ListResponse, type TypeMeta } from '../meta';
import { valueNode } from '../format';
import { href, navigate, replaceQuery } from '../router';
import { alertBox, errorBox, linkButton, loading, pageHeader, takeFlash, type ViewContext } from './common';

const LIMIT = 25;

interface ListState {
  q: string;
  sort: string;
  offset: number;
  filters: Map<string, string>;
  /** Other filters of the list syntax (field__gte=..., field__null=true), e.g. from a KPI chart point. */
  extra: Map<string, string>;
}

const META_FIELDS = ['id', 'created_at', 'updated_at', 'created_by', 'version'];

function readState(tm: TypeMeta, query: URLSearchParams, filterFields: FieldMeta[]): ListState {
  const filters = new Map<string, string>();
  for (const f of filterFields) {
    const v = query.get(f.name);
    if (v) filters.set(f.name, v);
  }
  const extra = new Map<string, string>();
  for (const [k, v] of query) {
    const base = k.split('__')[0] ?? '';
    const known = META_FIELDS.includes(base) || tm.fields.some((f) => f.name === base && f.filterable);
    if (!filters.has(k) && known && /^[a-z][a-z0-9_]*(__[a-z]+)?$/.test(k)) extra.set(k, v);
  }
  const offset = Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);
  return { q: query.get('q') ?? '', sort: query.get('sort') || tm.default_sort || '-id', offset, filters, extra };
}

function stateQuery(tm: TypeMeta, s: ListState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.sort && s.sort !== (tm.default_sort || '-id')) p.set('sort', s.sort);
  if (s.offset) p.set('offset', String(s.offset));
  for (const [k, v] of s.filters) p.set(k, v);
  for (const [k, v] of s.extra) p.set(k, v);
  return p;
}

export function renderList(ctx: ViewContext, type: string, query: URLSearchParams): void {
  const tm = typeMeta(type);
  if (!tm) {
    ctx.root.replaceChildren(alertBox(t('unknownType', { type })));
    return;
  }
  if (!tm.permissions.read) {
    ctx.root.replaceChildren(pageHeader(tl(tm.label)), alertBox(t('forbidden'), 'warning'));
    return;
  }
  const columns = tm.fields.filter((f) => f.in_list);
  const filterFields = tm.fields.filter((f) => f.filterable && f.kind === 'enum');
  const hasSearch = tm.fields.some((f) => f.searchable);
  const state = readState(tm, query, filterFields);

  const countEl = h('span', { class: 'count', testid: 'list-total' });
  // The same query, every page, as a spreadsheet file (kept up to date by load()).
  const csv = h('a', { class: 'btn', testid: 'export-csv', download: `${type}.csv`, title: t('exportCsvHint') }, t('exportCsv'));
  const actions = tm.permissions.create
    ? [csv, linkButton([h('span', { 'aria-hidden': 'true' }, '+ '), t('new')], href(type, 'new'), 'new-button', 'btn btn-primary')]
    : [csv];
  const tableSlot = h('div', { class: 'table-slot' }, loading());
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pagination' });

  // Toolbar: search and enum filters.
  const searchInput = h('input', {
    type: 'search', class: 'search-input', testid: 'search-input', placeholder: t('search'),
    'aria-label': t('searchLabel'), value: state.q,
  });
  let debounce: number | undefined;
  const applySearch = () => {
    window.clearTimeout(debounce);
    if (searchInput.value.trim() === state.q) return;
    state.q = searchInput.value.trim();
    state.offset = 0;
    void load();
  };
  searchInput.addEventListener('input', () => {
    window.clearTimeout(debounce);
    debounce = window.setTimeout(applySearch, 350);
  });
  ctx.onCleanup(() => window.clearTimeout(debounce));
  const searchForm = h('form', { class: 'search-form', role: 'search', onsubmit: (ev: Event) => { ev.preventDefault(); applySearch(); } },
    searchInput);

  const filterEls = filterFields.map((f) => {
    const sel = h('select', { class: 'filter', testid: `filter-${f.name}`, 'aria-label': tl(f.label) },
      h('option', { value: '' }, `${tl(f.label)} : ${t('all')}`),
      f.options.map((o) => h('option', { value: o.id, selected: state.filters.get(f.name) === o.id }, tl(o.label))));
    sel.addEventListener('change', () => {
      if (sel.value) state.filters.set(f.name, sel.value);
      else state.filters.delete(f.name);
      state.offset = 0;
      void load();
    });
    return sel;
  });

  const extraChip = state.extra.size
    ? h('div', { class: 'filter-chip', testid: 'extra-filters' },
      h('span', null, `${t('filters')} : ${[...state.extra].map(([k, v]) => `${k}=${v}`).join(' · ')}`),
      h('button', { type: 'button', class: 'btn btn-ghost', testid: 'clear-extra-filters', onclick: () => {
        state.extra.clear();
        extraChip?.remove();
        state.offset = 0;
        void load();
      } }, t('clearFilters')))
    : null;
  const toolbar = h('div', { class: 'toolbar' }, hasSearch ? searchForm : null,
    filterEls.length ? h('div', { class: 'filters', role: 'group', 'aria-label': t('filters') }, filterEls) : null,
    extraChip);

  ctx.root.replaceChildren(
    pageHeader(tl(tm.label), actions, countEl),
    takeFlash() ?? '',
    toolbar,
    tableSlot,
    pager);

  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq;
    replaceQuery(`/${type}`, stateQuery(tm!, state));
    const params: Record<string, string | number> = { limit: LIMIT, offset: state.offset, sort: state.sort };
    if (state.q) params.q = state.q;
    for (const [k, v] of state.filters) params[k] = v;
    for (const [k, v] of state.extra) params[k] = v;
    const { limit: _limit, offset: _offset, ...filtered } = params;
    csv.href = `/api/v1/${type}${queryString({ ...filtered, format: 'csv', lang: lang() })}`;
    tableSlot.classList.add('busy');
    try {
      const res = await api.get<ListResponse>(`/${type}`, params);
      if (!ctx.alive() || mine !== seq) return;
      renderTable(res);
    } catch (e) {
      if (!ctx.alive() || mine !== seq) return;
      tableSlot.replaceChildren(errorBox(e));
      pager.replaceChildren();
    } finally {
      tableSlot.classList.remove('busy');
    }
  }

  function sortHeader(label: string, name: string, sortable: boolean): HTMLTableCellElement {
    if (!sortable) return h('th', { scope: 'col' }, label);
    const dir = state.sort === name ? 'asc' : state.sort === `-${name}` ? 'desc' : '';
    const btn = h('button', {
      type: 'button', class: `sort ${dir}`, testid: `sort-${name}`,
      title: dir ? t(dir === 'asc' ? 'sortAsc' : 'sortDesc') : '',
      onclick: () => {
        state.sort = state.sort === name ? `-${name}` : name;
        state.offset = 0;
        void load();
      },
    }, label, h('span', { class: 'sort-ind', 'aria-hidden': 'true' }, dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'));
    return h('th', { scope: 'col', 'aria-sort': dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none' }, btn);
  }

  function renderTable(res: ListResponse): void {
    const total = res.total ?? res.items.length;
    countEl.textContent = `${total} ${t('records')}`;
    const head = h('tr', null, sortHeader(t('id'), 'id', true), columns.map((f) => sortHeader(tl(f.label), f.name, f.sortable)));
    const rows = res.items.map((rec) => {
      const to = href(type, rec.id);
      const cells = columns.map((f) => {
        const v = valueNode(f, rec[f.name], res.titles);
        return h('td', { class: `col-${f.kind}` },
          f.name === tm!.title_field ? h('a', { href: to, class: 'row-link' }, v) : v);
      });
      const tr = h('tr', { testid: `row-${rec.id}`, 'data-id': rec.id, class: 'clickable' },
        h('td', { class: 'col-id' }, h('a', { href: to, class: 'row-link' }, `#${rec.id}`)), cells);
      tr.addEventListener('click', (ev) => {
        const target = ev.target as HTMLElement;
        if (target.closest('a, button, input, select')) return;
        if (window.getSelection()?.toString()) return;
        navigate(to);
      });
      return tr;
    });
    const table = h('table', { class: 'table', testid: 'list-table' },
      h('thead', null, head),
      h('tbody', null, rows.length ? rows
        : h('tr', null, h('td', { colspan: columns.length + 1, class: 'empty-row' }, t('noResults')))));
    tableSlot.replaceChildren(h('div', { class: 'table-wrap' }, table));

    const from = total === 0 ? 0 : state.offset + 1;
    const to = Math.min(state.offset + res.items.length, total);
    pager.replaceChildren(
      h('button', {
        type: 'button', class: 'btn', testid: 'page-prev', disabled: state.offset === 0,
        onclick: () => { state.offset = Math.max(0, state.offset - LIMIT); void load(); },
      }, `‹ ${t('previous')}`),
      h('span', { class: 'range', testid: 'page-range' }, t('range', { from, to, total })),
      h('button', {
        type: 'button', class: 'btn', testid: 'page-next', disabled: state.offset + LIMIT >= total,
        onclick: () => { state.offset += LIMIT; void load(); },
      }, `${t('next')} ›`));
  }

  void load();
}
