// Small DOM builder. Text is always inserted as text nodes: API data never becomes HTML.

export type Child = Node | string | number | null | undefined | false | Child[];

type Handler = (ev: Event) => void;

export interface Attrs {
  class?: string;
  testid?: string;
  text?: string;
  style?: string;
  value?: string;
  checked?: boolean;
  disabled?: boolean;
  selected?: boolean;
  multiple?: boolean;
  required?: boolean;
  readOnly?: boolean;
  hidden?: boolean;
  [attr: string]: string | number | boolean | Handler | undefined | null;
}

const PROPS = new Set(['value', 'checked', 'disabled', 'selected', 'multiple', 'required', 'readOnly', 'hidden']);

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, ...c);
    else if (c instanceof Node) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false && !PROPS.has(k)) continue;
      if (k === 'class') el.className = String(v);
      else if (k === 'testid') el.dataset.testid = String(v);
      else if (k === 'text') el.textContent = String(v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as Handler);
      else if (PROPS.has(k)) (el as unknown as Record<string, unknown>)[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, ...children);
  return el;
}

