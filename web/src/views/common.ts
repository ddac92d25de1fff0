// Pieces shared by the screens.
import { ApiError, errorMessage } from '../api';
import { h, type Child } from '../dom';
import { t } from '../i18n';

export interface ViewContext {
  root: HTMLElement;
  /** False once the user navigated elsewhere: late answers must not render. */
  alive: () => boolean;
  onCleanup: (fn: () => void) => void;
}

export function pageHeader(title: Child, actions: Child[] = [], sub?: Child): HTMLElement {
  return h('header', { class: 'page-header' },
    h('div', { class: 'page-title' }, h('h1', null, title), sub ? h('div', { class: 'page-sub' }, sub) : null),
    h('div', { class: 'page-actions' }, actions));
}

export function alertBox(message: string, kind: 'error' | 'info' | 'success' | 'warning' = 'error', extra?: Child): HTMLElement {
  return h('div', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status', testid: `alert-${kind}` },
    h('span', null, message), extra ?? null);
}

export function errorBox(e: unknown): HTMLElement {
  if (e instanceof ApiError && e.status === 403) return alertBox(t('forbidden'), 'warning');
  if (e instanceof ApiError && e.status === 404) return alertBox(errorMessage(e) || t('notFound'), 'warning');
  return alertBox(errorMessage(e));
}

export function loading(): HTMLElement {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading'));
}

export function linkButton(label: Child, to: string, testid?: string, cls = 'btn'): HTMLAnchorElement {
  return h('a', { href: to, class: cls, testid }, label);
}

// A message shown once on the next screen (after a delete, for instance).
let flash: { message: string; kind: 'success' | 'info' } | null = null;

export function setFlash(message: string, kind: 'success' | 'info' = 'success'): void {
  flash = { message, kind };
}

export function takeFlash(): HTMLElement | null {
  if (!flash) return null;
  const el = alertBox(flash.message, flash.kind);
  flash = null;
  return el;
}
