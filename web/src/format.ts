// Display of field values: enum labels, reference titles as links, dates in the user's locale.
import { h } from './dom';
import { locale, t, tl } from './i18n';
import { href } from './router';
import { refTitle, typeMeta, type FieldMeta, type Titles } from './meta';

export function formatDateTime(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

export function formatNumber(v: unknown, decimal: boolean): string {
  if (typeof v !== 'number') return v === null || v === undefined ? '' : String(v);
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: decimal ? 6 : 0 }).format(v);
}

export function enumLabel(f: FieldMeta | undefined, v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  const o = f?.options.find((x) => x.id === v);
  return o ? tl(o.label) : String(v);
}

function refLink(type: string, id: unknown, titles: Titles | undefined): HTMLElement {
  const title = refTitle(titles, type, id) ?? `#${String(id)}`;
  const readable = typeMeta(type)?.permissions.read ?? false;
  return readable
    ? h('a', { href: href(type, String(id)), class: 'ref' }, title)
    : h('span', { class: 'ref' }, title);
}

/** A field's value as plain text (no links): for titles, history and charts. */
export function valueText(f: FieldMeta | undefined, v: unknown, titles?: Titles): string {
  if (v === null || v === undefined || v === '') return '';
  if (!f) return typeof v === 'object' ? JSON.stringify(v) : String(v);
  switch (f.kind) {
    case 'enum': return enumLabel(f, v);
    case 'boolean': return v ? t('yes') : t('no');
    case 'datetime': return formatDateTime(v);
    case 'integer': return formatNumber(v, false);
    case 'decimal': return formatNumber(v, true);
    case 'ref': return (f.ref_type && refTitle(titles, f.ref_type, v)) || `#${String(v)}`;
    case 'ref_list':
      return Array.isArray(v)
        ? v.map((id) => (f.ref_type && refTitle(titles, f.ref_type, id)) || `#${String(id)}`).join(', ')
        : String(v);
    default: return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/** A field's value as a node: links for references, badges for enums, kept line breaks for markdown. */
export function valueNode(f: FieldMeta, v: unknown, titles?: Titles): Node {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
    return h('span', { class: 'empty' }, t('none'));
  switch (f.kind) {
    case 'ref':
      return f.ref_type ? refLink(f.ref_type, v, titles) : document.createTextNode(String(v));
    case 'ref_list': {
      const ids = Array.isArray(v) ? v : [v];
      const span = h('span', { class: 'ref-list' });
      ids.forEach((id, i) => {
        if (i > 0) span.append(', ');
        span.append(f.ref_type ? refLink(f.ref_type, id, titles) : String(id));
      });
      return span;
    }
    case 'enum':
      return h('span', { class: `badge badge-${f.name} v-${String(v).replace(/[^a-z0-9_-]/gi, '')}` }, enumLabel(f, v));
    case 'markdown':
      return h('div', { class: 'multiline', text: String(v) });
    case 'boolean':
      return h('span', { class: v ? 'bool yes' : 'bool no' }, v ? t('yes') : t('no'));
    case 'datetime': {
      const s = formatDateTime(v);
      return h('time', { datetime: String(v), title: String(v) }, s);
    }
    default:
      return document.createTextNode(valueText(f, v, titles));
  }
}

export function typeLabel(type: string, singular = false): string {
  const tm = typeMeta(type);
  if (!tm) return type;
  return tl(singular ? tm.singular : tm.label);
}


/** A KPI's value in its unit: a share as a percentage, hours with "h", counts whole. */
export function formatKpiValue(unit: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  const nf = (digits: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits });
  if (unit === 'share') return `${nf(1).format(v * 100)} %`;
  if (unit === 'hours') return `${nf(1).format(v)} h`;
  if (unit === 'count') return nf(0).format(v);
  return nf(2).format(v);
}
