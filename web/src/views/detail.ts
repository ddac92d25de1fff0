// Generic detail of one record: every field with its label, actions, and the "link to" form.
import { api, errorMessage, ApiError } from '../api';
import { h } from '../dom';
import { t, tl } from '../i18n';
import { allReports, allTypes, currentUser, field, recordTitle, refTitle, typeMeta, type ActionMeta, type RecordData, type Titles, type TypeMeta } from '../meta';
import { formatDateTime, valueNode } from '../format';
import { href, navigate } from '../router';
import { alertBox, errorBox, linkButton, loading, pageHeader, setFlash, takeFlash, type ViewContext } from './common';
import { buildControl, loadRefOptions, type Option } from './form';

export async function fetchRecord(type: string, id: number): Promise<RecordData> {
  return api.get<RecordData>(`/${type}/${id}`);
}

export async function renderDetail(ctx: ViewContext, type: string, id: number): Promise<void> {
  const tm = typeMeta(type);
  if (!tm) {
    ctx.root.replaceChildren(alertBox(t('unknownType', { type })));
    return;
  }
  ctx.root.replaceChildren(loading());
  let rec: RecordData;
  try {
    rec = await fetchRecord(type, id);
  } catch (e) {
    if (ctx.alive()) ctx.root.replaceChildren(pageHeader(`${tl(tm.singular)} #${id}`), errorBox(e));
    return;
  }
  if (!ctx.alive()) return;
  const titles = rec._titles ?? {};
  const title = recordTitle(tm, rec);

  const actions: HTMLElement[] = [];
  if (tm.permissions.update) actions.push(linkButton(t('edit'), href(type, id, 'edit'), 'edit-button', 'btn btn-primary'));
  actions.push(linkButton(t('history'), href(type, id, 'history'), 'history-button'));
  actions.push(linkButton(t('trace'), href(type, id, 'trace'), 'trace-button'));
  const deleteMsg = h('div');
  if (tm.permissions.delete) {
    actions.push(h('button', {
      type: 'button', class: 'btn btn-danger', testid: 'delete-button',
      onclick: async () => {
        if (!window.confirm(t('confirmDelete', { title }))) return;
        try {
          await api.del(`/${type}/${id}`);
          setFlash(t('deleted'));
          navigate(href(type));
        } catch (e) {
          deleteMsg.replaceChildren(errorBox(e));
        }
      },
    }, t('delete')));
  }

  const dl = h('dl', { class: 'fields' });
  for (const f of tm.fields) {
    // What only the system fills (a measured effect, a summary) is shown once it has a value.
    if (f.computed && (rec[f.name] === null || rec[f.name] === undefined)) continue;
    dl.append(h('div', { class: `field-item kind-${f.kind}${f.kind === 'markdown' ? ' wide' : ''}` },
      h('dt', null, tl(f.label)),
      h('dd', { testid: `detail-field-${f.name}` }, markdownNode(f, rec) ?? valueNode(f, rec[f.name], titles))));
  }

  const creator = rec.created_by != null ? creatorName(rec.created_by, titles) : null;
  const metaLine = h('p', { class: 'record-meta' },
    rec.created_at ? [t('createdAt'), ' ', formatDateTime(rec.created_at)] : null,
    creator ? [' · ', t('createdBy'), ' ', creator] : null,
    rec.updated_at ? [' · ', t('updatedAt'), ' ', formatDateTime(rec.updated_at)] : null,
    rec.version != null ? [' · ', t('version'), ' ', String(rec.version)] : null);

  ctx.root.replaceChildren(
    h('nav', { class: 'breadcrumb' }, h('a', { href: href(type) }, tl(tm.label)), ' / ', `#${id}`),
    pageHeader(title, actions, h('span', { class: 'type-chip' }, `${tl(tm.singular)} #${id}`)),
    takeFlash() ?? '',
    deleteMsg,
    h('section', { class: 'card', testid: 'detail' }, dl, metaLine),
    actionsCard(tm, type, id) ?? '',
    reportsCard(type, id) ?? '',
    linkForm(tm, rec) ?? '');
}

/** The reports that take a record of this type as a parameter, filtered on this one (a campaign's results). */
function reportsCard(type: string, id: number): HTMLElement | null {
  const links = allReports().filter((r) => r.permitted).flatMap((r) =>
    Object.entries(r.record_params ?? {}).filter(([, of]) => of === type).map(([param]) =>
      h('li', null, h('a', { href: `${href('reports', r.name)}?${new URLSearchParams({ [param]: String(id) }).toString()}`,
        testid: `report-link-${r.name}` }, tl(r.label)))));
  if (!links.length) return null;
  return h('section', { class: 'card', testid: 'related-reports' }, h('h2', null, t('relatedReports')), h('ul', null, links));
}

/** Who created the record: from the titles, the signed-in user, or else looked up. */
function creatorName(id: number, titles: Titles): HTMLElement {
  const known = refTitle(titles, 'users', id) ?? (currentUser()?.id === id ? currentUser()?.display_name : undefined);
  const el = h('span', { class: 'creator' }, known ?? `#${id}`);
  if (!known && typeMeta('users')?.permissions.read) {
    api.get<RecordData>(`/users/${id}`)
      .then((u) => { el.textContent = recordTitle(typeMeta('users'), u); })
      .catch(() => { /* keep the number */ });
  }
  return el;
}

/** "Link to…": creates a links record from this one to another record. */
function linkForm(tm: TypeMeta, rec: RecordData): HTMLElement | null {
  const links = typeMeta('links');
  if (!links?.permissions.create || tm.name === 'links') return null;
  const kindField = field(links, 'kind');
  const targets = allTypes().filter((x) => x.permissions.read && x.name !== 'links');
  const msg = h('div', { class: 'form-message' });
  const kind = h('select', { id: 'link-kind', testid: 'link-kind', required: true },
    (kindField?.options ?? []).map((o) => h('option', { value: o.id }, tl(o.label))));
  const targetType = h('select', { id: 'link-type', testid: 'link-type', required: true },
    targets.map((x) => h('option', { value: x.name, selected: x.name === tm.name }, tl(x.singular))));
  const targetId = h('input', { id: 'link-id', type: 'number', min: 1, step: 1, required: true, testid: 'link-id', class: 'narrow' });
  const submit = h('button', { type: 'submit', class: 'btn', testid: 'link-submit' }, t('addLink'));
  const form = h('form', { class: 'link-form', testid: 'link-form', novalidate: true },
    h('div', { class: 'inline-field' }, h('label', { for: 'link-kind' }, t('linkKind')), kind),
    h('div', { class: 'inline-field' }, h('label', { for: 'link-type' }, t('targetType')), targetType),
    h('div', { class: 'inline-field' }, h('label', { for: 'link-id' }, t('targetId')), targetId),
    submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    const to = Number.parseInt(targetId.value, 10);
    if (!Number.isFinite(to) || to < 1) {
      msg.append(alertBox(t('requiredError')));
      targetId.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.post('/links', { from_type: tm.name, from_id: rec.id, kind: kind.value, to_type: targetType.value, to_id: to });
      targetId.value = '';
      msg.append(alertBox(t('linkCreated'), 'success',
        h('a', { href: href(tm.name, rec.id, 'trace'), class: 'alert-link' }, t('viewTrace'))));
    } catch (e) {
      msg.append(alertBox(e instanceof ApiError && e.field
        ? `${e.message}` : errorMessage(e)));
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'card card-compact' }, h('h2', { class: 'card-title' }, t('linkTo')), msg, form);
}

// Markdown comes rendered by the server (cmark-gfm without raw HTML, unsafe links dropped),
// so it is the one place where API text becomes markup.
function markdownNode(f: { kind: string; name: string }, rec: Record<string, unknown>): HTMLElement | null {
  if (f.kind !== 'markdown') return null;
  const html = (rec._html as Record<string, string> | undefined)?.[f.name];
  if (!html) return null;
  const div = h('div', { class: 'markdown' });
  div.innerHTML = html;
  return div;
}

// One button per permitted action; an action's text inputs (a note, say) sit beside it.
// Each permitted action with its input as typed controls, built from the same field descriptions
// as the forms (numbers, dates, choices, records to pick); the server validates it like a record.
function actionsCard(tm: TypeMeta, type: string, id: number): HTMLElement | null {
  const permitted = (tm.actions ?? []).filter((a) => a.permitted);
  if (permitted.length === 0) return null;
  const message = h('div');
  const card = h('section', { class: 'card', testid: 'actions' }, h('h2', null, t('actions')), message, loading());
  const refTypes = new Set(permitted.flatMap((a) => a.input)
    .filter((f) => (f.kind === 'ref' || f.kind === 'ref_list') && f.ref_type).map((f) => f.ref_type as string));
  const refOptions = new Map<string, Option[]>();
  void Promise.all(Array.from(refTypes).map(async (rt) => { refOptions.set(rt, await loadRefOptions(rt).catch(() => [])); }))
    .then(() => card.replaceChildren(h('h2', null, t('actions')), message, ...permitted.map((a) => actionRow(a, type, id, refOptions, message))));
  return card;
}

function actionRow(a: ActionMeta, type: string, id: number, refOptions: Map<string, Option[]>, message: HTMLElement): HTMLElement {
  const controls = a.input.map((f) => {
    const c = buildControl(f, f.default ?? null, refOptions, {});
    c.el.id = `action-${a.name}-${f.name}`;
    c.el.setAttribute('data-testid', `action-${a.name}-${f.name}`);
    c.errorSlot.id = `${c.el.id}-err`;
    c.el.setAttribute('aria-describedby', c.errorSlot.id);
    return c;
  });
  const button = h('button', {
    type: 'button', class: 'btn btn-primary', testid: `action-${a.name}`,
    onclick: async () => {
      const body: Record<string, unknown> = {};
      let invalid = false;
      for (const c of controls) {
        const { value, error } = c.read();
        c.errorSlot.textContent = error ? t(error) : '';
        if (error) invalid = true;
        else if (value !== null && !(Array.isArray(value) && value.length === 0)) body[c.field.name] = value;
      }
      if (invalid) return;
      try {
        const result = await api.post<{ created?: { type: string; id: number }; csv?: string; filename?: string }>(
          `/${type}/${id}/actions/${a.name}`, body);
        // An action that answers a file (an export) hands it to the browser as a download.
        if (typeof result.csv === 'string') {
          const link = h('a', { href: URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' })),
            download: result.filename ?? 'export.csv' });
          link.click();
          URL.revokeObjectURL(link.href);
          return;
        }
        setFlash(tl(a.label));
        if (result.created) navigate(href(result.created.type, result.created.id));
        else navigate(href(type, id));
      } catch (e) {
        // A refused input names its field: shown next to it, and above with the others.
        if (e instanceof ApiError) {
          const c = controls.find((x) => x.field.name === e.field);
          if (c) c.errorSlot.textContent = errorMessage(e);
        }
        message.replaceChildren(errorBox(e));
      }
    },
  }, tl(a.label));
  return h('div', { class: 'action-row' },
    controls.map((c) => h('div', { class: 'action-input' },
      h('label', { for: c.el.id }, tl(c.field.label), c.field.required ? h('span', { class: 'required-mark' }, ' *') : null),
      c.el, c.errorSlot)),
    button);
}
