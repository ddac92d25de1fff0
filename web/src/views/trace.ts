// The value chain of one record: linked records grouped by distance, with the kind of each link.
import { api } from '../api';
import { h } from '../dom';
import { t, tl } from '../i18n';
import { field, typeMeta } from '../meta';
import { enumLabel, typeLabel } from '../format';
import { href } from '../router';
import { alertBox, errorBox, loading, pageHeader, type ViewContext } from './common';

interface TraceNode {
  type: string;
  id: number;
  title: string;
  depth: number;
  facts?: Record<string, string>;
}
interface TraceEdge {
  id: number;
  from_type: string;
  from_id: number;
  kind: string;
  to_type: string;
  to_id: number;
}

/** Labels of link kinds; the links type's own labels win when the user can see them. */
const KIND_LABELS: Record<string, { fr: string; en: string }> = {
  originates_from: { fr: 'provient de', en: 'originates from' },
  measured_by: { fr: 'mesurée par', en: 'measured by' },
  implements: { fr: 'met en œuvre', en: 'implements' },
  relates_to: { fr: 'en rapport avec', en: 'relates to' },
  duplicates: { fr: 'doublon de', en: 'duplicates' },
  caused_by: { fr: 'causé par', en: 'caused by' },
};

export function linkKindLabel(kind: string): string {
  const links = typeMeta('links');
  const f = links ? field(links, 'kind') : undefined;
  if (f?.options.some((o) => o.id === kind)) return enumLabel(f, kind);
  return KIND_LABELS[kind] ? tl(KIND_LABELS[kind]) : kind;
}

const key = (type: string, id: number) => `${type}:${id}`;

// A status, a phase, a measured effect: where each step of the chain stands, in the reader's words.
function factChips(n: TraceNode): HTMLElement | null {
  const tm = typeMeta(n.type);
  const facts = Object.entries(n.facts ?? {});
  if (!tm || facts.length === 0) return null;
  return h('p', { class: 'trace-facts' }, facts.map(([name, value]) =>
    h('span', { class: `badge v-${value}`, testid: `trace-fact-${n.type}-${n.id}-${name}` }, enumLabel(field(tm, name), value))));
}

export async function renderTrace(ctx: ViewContext, type: string, id: number): Promise<void> {
  const tm = typeMeta(type);
  if (!tm) {
    ctx.root.replaceChildren(alertBox(t('unknownType', { type })));
    return;
  }
  ctx.root.replaceChildren(loading());
  let nodes: TraceNode[];
  let edges: TraceEdge[];
  try {
    const res = await api.get<{ nodes: TraceNode[]; edges: TraceEdge[] }>(`/${type}/${id}/trace`);
    nodes = res.nodes ?? [];
    edges = res.edges ?? [];
  } catch (e) {
    if (ctx.alive()) ctx.root.replaceChildren(pageHeader(t('traceTitle', { title: `#${id}` })), errorBox(e));
    return;
  }
  if (!ctx.alive()) return;

  const byKey = new Map(nodes.map((n) => [key(n.type, n.id), n]));
  const root = byKey.get(key(type, id));
  const title = root?.title || `#${id}`;
  const nodeTitle = (tp: string, i: number) => byKey.get(key(tp, i))?.title || `#${i}`;
  const nodeLink = (tp: string, i: number) => {
    const readable = typeMeta(tp)?.permissions.read ?? false;
    const label = nodeTitle(tp, i);
    return readable ? h('a', { href: href(tp, i) }, label) : h('span', null, label);
  };

  // Columns by depth; in each card, the links that tie the node to the previous column.
  const depths = Array.from(new Set(nodes.map((n) => n.depth))).sort((a, b) => a - b);
  const columns = depths.map((d) => {
    const cards = nodes.filter((n) => n.depth === d).map((n) => {
      const ties = edges.filter((e) => {
        const other = e.from_type === n.type && e.from_id === n.id ? byKey.get(key(e.to_type, e.to_id))
          : e.to_type === n.type && e.to_id === n.id ? byKey.get(key(e.from_type, e.from_id)) : undefined;
        return other !== undefined && other.depth === d - 1;
      });
      return h('article', { class: `trace-node${n.depth === 0 ? ' root' : ''}`, testid: `trace-node-${n.type}-${n.id}` },
        h('div', { class: 'trace-type' }, `${typeLabel(n.type, true)} #${n.id}`),
        h('div', { class: 'trace-title' }, nodeLink(n.type, n.id)),
        factChips(n),
        ties.length ? h('ul', { class: 'trace-ties' }, ties.map((e) => h('li', null,
          h('span', { class: e.from_type === n.type && e.from_id === n.id ? 'self' : '' }, nodeTitle(e.from_type, e.from_id)),
          ' ', h('span', { class: 'kind' }, linkKindLabel(e.kind)), ' ',
          h('span', { class: e.to_type === n.type && e.to_id === n.id ? 'self' : '' }, nodeTitle(e.to_type, e.to_id))))) : null);
    });
    return h('section', { class: 'trace-col' },
      h('h2', { class: 'trace-col-title' }, d === 0 ? t('depthRoot') : t('depth', { n: d })), cards);
  });

  const edgeRows = edges.map((e) => h('tr', { testid: `trace-edge-${e.id}` },
    h('td', null, h('span', { class: 'type-chip' }, typeLabel(e.from_type, true)), ' ', nodeLink(e.from_type, e.from_id)),
    h('td', { class: 'edge-kind' }, h('span', { class: 'badge' }, linkKindLabel(e.kind))),
    h('td', null, h('span', { class: 'type-chip' }, typeLabel(e.to_type, true)), ' ', nodeLink(e.to_type, e.to_id))));

  ctx.root.replaceChildren(
    h('nav', { class: 'breadcrumb' }, h('a', { href: href(type) }, tl(tm.label)), ' / ',
      h('a', { href: href(type, id) }, `#${id}`), ' / ', t('trace')),
    pageHeader(t('traceTitle', { title }), [h('a', { href: href(type, id), class: 'btn' }, t('back'))]),
    edges.length === 0 ? alertBox(t('noLinks'), 'info') : '',
    h('div', { class: 'trace-graph', testid: 'trace-graph' }, columns),
    edges.length ? h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('edges')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'table', testid: 'trace-edges' }, h('tbody', null, edgeRows)))) : '');
}
