// Generic create / edit form, generated from the type's field descriptions.
import { api, ApiError, errorMessage } from '../api';
import { h } from '../dom';
import { t, tl } from '../i18n';
import { recordTitle, typeMeta, type FieldMeta, type ListResponse, type RecordData, type Titles, type TypeMeta } from '../meta';
import { valueNode } from '../format';
import { href, navigate } from '../router';
import { alertBox, errorBox, loading, pageHeader, type ViewContext } from './common';

export interface Control {
  field: FieldMeta;
  el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  /** The value to send, or an error message key when the input cannot be read. */
  read: () => { value: unknown; error?: 'requiredError' | 'numberError' };
  /** The raw state of the input, to tell whether the user changed it. */
  raw: () => string;
  errorSlot: HTMLElement;
}

export type Option = { id: number; title: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO UTC -> the value of a datetime-local input, in the browser's time zone. */
export function isoToLocalInput(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a datetime-local input -> ISO UTC `YYYY-MM-DDTHH:MM:SSZ`. */
export function localInputToIso(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function loadRefOptions(refType: string): Promise<Option[]> {
  const tm = typeMeta(refType);
  if (!tm?.permissions.read) return [];
  const title = tm.title_field || 'id';
  let res: ListResponse;
  try {
    res = await api.get<ListResponse>(`/${refType}`, { limit: 200, sort: title });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) return [];
    res = await api.get<ListResponse>(`/${refType}`, { limit: 200 });
  }
  return res.items.map((r) => ({ id: r.id, title: recordTitle(tm, r) }));
}

function withCurrent(options: Option[], ids: number[], refType: string, titles: Titles): Option[] {
  const out = [...options];
  for (const id of ids) {
    if (!out.some((o) => o.id === id)) out.push({ id, title: titles[refType]?.[String(id)] ?? `#${id}` });
  }
  return out;
}

export function buildControl(f: FieldMeta, initial: unknown, refOptions: Map<string, Option[]>, titles: Titles): Control {
  const id = `f-${f.name}`;
  const common = { id, name: f.name, testid: `form-field-${f.name}`, required: f.required, 'aria-describedby': `${id}-err` };
  const errorSlot = h('div', { class: 'field-error', id: `${id}-err`, testid: `form-error-${f.name}`, 'aria-live': 'polite' });
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  const req = (value: unknown) => (f.required && (empty(value) || (Array.isArray(value) && value.length === 0))
    ? { value, error: 'requiredError' as const } : { value });

  switch (f.kind) {
    case 'markdown': {
      const el = h('textarea', { ...common, rows: 6, maxlength: f.max ?? undefined, value: empty(initial) ? '' : String(initial) });
      return { field: f, el, errorSlot, raw: () => el.value, read: () => req(el.value === '' ? null : el.value) };
    }
    case 'integer':
    case 'decimal': {
      const el = h('input', {
        ...common, type: 'number', class: 'narrow', step: f.kind === 'integer' ? '1' : 'any',
        min: f.min ?? undefined, max: f.max ?? undefined, value: empty(initial) ? '' : String(initial),
      });
      return {
        field: f, el, errorSlot, raw: () => el.value,
        read: () => {
          if (el.value === '') return el.validity.badInput ? { value: null, error: 'numberError' } : req(null);
          const n = f.kind === 'integer' ? Number.parseInt(el.value, 10) : Number.parseFloat(el.value);
          if (!Number.isFinite(n) || (f.kind === 'integer' && !/^-?\d+$/.test(el.value.trim()))) return { value: null, error: 'numberError' };
          return { value: n };
        },
      };
    }
    case 'boolean': {
      const el = h('input', { ...common, type: 'checkbox', required: false, checked: initial === true });
      return { field: f, el, errorSlot, raw: () => String(el.checked), read: () => ({ value: el.checked }) };
    }
    case 'datetime': {
      const el = h('input', { ...common, type: 'datetime-local', value: isoToLocalInput(initial) });
      return { field: f, el, errorSlot, raw: () => el.value, read: () => req(localInputToIso(el.value)) };
    }
    case 'enum': {
      const el = h('select', common,
        (!f.required || empty(initial)) ? h('option', { value: '' }, f.required ? t('choose') : t('none')) : null,
        f.options.map((o) => h('option', { value: o.id, selected: o.id === initial }, tl(o.label))));
      return { field: f, el, errorSlot, raw: () => el.value, read: () => req(el.value === '' ? null : el.value) };
    }
    case 'ref': {
      const rt = f.ref_type ?? '';
      const current = typeof initial === 'number' ? [initial] : [];
      const opts = withCurrent(refOptions.get(rt) ?? [], current, rt, titles);
      const el = h('select', common,
        h('option', { value: '' }, f.required ? t('choose') : t('none')),
        opts.map((o) => h('option', { value: String(o.id), selected: o.id === initial }, o.title)));
      return { field: f, el, errorSlot, raw: () => el.value, read: () => req(el.value === '' ? null : Number(el.value)) };
    }
    case 'ref_list': {
      const rt = f.ref_type ?? '';
      const current = Array.isArray(initial) ? initial.filter((x): x is number => typeof x === 'number') : [];
      const opts = withCurrent(refOptions.get(rt) ?? [], current, rt, titles);
      const el = h('select', { ...common, multiple: true, size: Math.min(8, Math.max(3, opts.length)) },
        opts.map((o) => h('option', { value: String(o.id), selected: current.includes(o.id) }, o.title)));
      const selected = () => Array.from(el.selectedOptions).map((o) => Number(o.value));
      return { field: f, el, errorSlot, raw: () => JSON.stringify(selected().sort((a, b) => a - b)), read: () => req(selected()) };
    }
    default: {
      const el = h('input', {
        ...common, type: f.name === 'email' ? 'email' : 'text', maxlength: f.max ?? undefined,
        minlength: f.min ?? undefined, value: empty(initial) ? '' : String(initial),
        pattern: f.pattern ?? undefined, placeholder: empty(f.example) ? undefined : String(f.example),
      });
      return { field: f, el, errorSlot, raw: () => el.value, read: () => req(el.value === '' ? null : el.value) };
    }
  }
}

export async function renderForm(ctx: ViewContext, type: string, id: number | null): Promise<void> {
  const tm = typeMeta(type);
  if (!tm) {
    ctx.root.replaceChildren(alertBox(t('unknownType', { type })));
    return;
  }
  const editing = id !== null;
  const heading = editing ? t('editTitle', { title: `${tl(tm.singular)} #${id}` }) : t('newTitle', { type: tl(tm.singular) });
  if (!(editing ? tm.permissions.update : tm.permissions.create)) {
    ctx.root.replaceChildren(pageHeader(heading), alertBox(t('forbidden'), 'warning'));
    return;
  }
  ctx.root.replaceChildren(pageHeader(heading), loading());

  const editable = (f: FieldMeta) => !f.computed && f.writable !== false;
  const refTypes = new Set(tm.fields.filter((f) => editable(f) && (f.kind === 'ref' || f.kind === 'ref_list') && f.ref_type)
    .map((f) => f.ref_type as string));
  let rec: RecordData | null = null;
  const refOptions = new Map<string, Option[]>();
  try {
    const [loaded] = await Promise.all([
      editing ? api.get<RecordData>(`/${type}/${id}`) : Promise.resolve(null),
      ...Array.from(refTypes).map(async (rt) => { refOptions.set(rt, await loadRefOptions(rt).catch(() => [])); }),
    ]);
    rec = loaded;
  } catch (e) {
    if (ctx.alive()) ctx.root.replaceChildren(pageHeader(heading), errorBox(e));
    return;
  }
  if (!ctx.alive()) return;
  renderFormBody(ctx, tm, rec, refOptions, heading);
}

function renderFormBody(ctx: ViewContext, tm: TypeMeta, rec: RecordData | null, refOptions: Map<string, Option[]>,
                        heading: string): void {
  const type = tm.name;
  const editing = rec !== null;
  const titles = rec?._titles ?? {};
  const controls: Control[] = [];
  const grid = h('div', { class: 'form-grid' });

  for (const f of tm.fields) {
    const canEdit = !f.computed && f.writable !== false;
    if (!canEdit) {
      if (!editing) continue;
      grid.append(h('div', { class: `form-row readonly kind-${f.kind}${f.kind === 'markdown' ? ' wide' : ''}` },
        h('span', { class: 'label' }, tl(f.label)),
        h('div', { class: 'readonly-value', testid: `form-readonly-${f.name}` }, valueNode(f, rec![f.name], titles))));
      continue;
    }
    const initial = editing ? rec![f.name] : (f.default ?? null);
    const c = buildControl(f, initial, refOptions, titles);
    controls.push(c);
    const label = h('label', { for: c.el.id }, tl(f.label),
      f.required ? h('span', { class: 'req', title: t('required') }, ' *') : null);
    const row = f.kind === 'boolean'
      ? h('div', { class: 'form-row checkbox-row' }, h('label', { class: 'check' }, c.el, ' ', tl(f.label)), c.errorSlot)
      : h('div', { class: `form-row kind-${f.kind}${f.kind === 'markdown' || f.kind === 'ref_list' ? ' wide' : ''}` },
        label, c.el, f.kind === 'ref_list' ? h('div', { class: 'hint' }, t('multiHint')) : null, c.errorSlot);
    grid.append(row);
  }
  const initialRaw = new Map(controls.map((c) => [c.field.name, c.raw()]));

  const message = h('div', { class: 'form-message', testid: 'form-message' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'form-submit' }, editing ? t('save') : t('create'));
  const cancelTo = editing ? href(type, rec!.id) : href(type);
  const form = h('form', { class: 'record-form card', testid: 'record-form', novalidate: true },
    message, grid,
    h('div', { class: 'form-actions' }, submit, h('a', { href: cancelTo, class: 'btn btn-ghost', testid: 'form-cancel' }, t('cancel'))));

  const clearErrors = () => {
    message.replaceChildren();
    for (const c of controls) {
      c.errorSlot.replaceChildren();
      c.el.removeAttribute('aria-invalid');
      c.el.closest('.form-row')?.classList.remove('has-error');
    }
  };
  const showFieldError = (name: string, msg: string): boolean => {
    const c = controls.find((x) => x.field.name === name);
    if (!c) return false;
    c.errorSlot.append(h('div', null, msg));
    c.el.setAttribute('aria-invalid', 'true');
    c.el.closest('.form-row')?.classList.add('has-error');
    return true;
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    const body: Record<string, unknown> = {};
    let invalid = false;
    for (const c of controls) {
      const { value, error } = c.read();
      if (error) {
        showFieldError(c.field.name, t(error));
        invalid = true;
        continue;
      }
      if (editing) {
        if (c.raw() !== initialRaw.get(c.field.name)) body[c.field.name] = value;
      } else if (value !== null && !(Array.isArray(value) && value.length === 0)) {
        body[c.field.name] = value;
      }
    }
    if (invalid) {
      message.append(alertBox(t('formErrors')));
      (form.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
      return;
    }
    if (editing && Object.keys(body).length === 0) {
      message.append(alertBox(t('noChange'), 'info'));
      return;
    }
    if (editing) body.version = rec!.version;
    submit.disabled = true;
    try {
      const saved = editing
        ? await api.patch<RecordData>(`/${type}/${rec!.id}`, body)
        : await api.post<RecordData>(`/${type}`, body);
      if (!ctx.alive()) return;
      navigate(href(type, saved?.id ?? rec!.id));
    } catch (e) {
      if (!ctx.alive()) return;
      if (e instanceof ApiError && e.status === 409) {
        message.append(alertBox(t('conflict'), 'warning',
          h('button', { type: 'button', class: 'btn', testid: 'reload-button', onclick: () => navigate(href(type, rec!.id, 'edit')) },
            t('reload'))));
      } else if (e instanceof ApiError) {
        let unplaced = false;
        for (const [name, msgs] of e.fieldMessages()) {
          for (const m of msgs) if (!showFieldError(name, m)) unplaced = true;
        }
        const placed = e.fieldMessages().size > 0 && !unplaced;
        message.append(alertBox(placed ? t('formErrors') : e.message || t('formErrors')));
        if (unplaced && e.details.length) {
          message.append(h('ul', { class: 'error-list' },
            e.details.filter((d) => !controls.some((c) => c.field.name === d.field)).map((d) => h('li', null, d.message || d.code))));
        }
      } else {
        message.append(alertBox(errorMessage(e)));
      }
      message.scrollIntoView({ block: 'nearest' });
    } finally {
      submit.disabled = false;
    }
  });

  const crumbs = h('nav', { class: 'breadcrumb' }, h('a', { href: href(type) }, tl(tm.label)),
    editing ? [' / ', h('a', { href: href(type, rec!.id) }, `#${rec!.id}`)] : null);
  ctx.root.replaceChildren(crumbs, pageHeader(heading, [], editing ? recordTitle(tm, rec!) : undefined), form);
  (controls[0]?.el as HTMLElement | undefined)?.focus();
}

