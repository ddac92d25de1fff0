// The sign-in page, with the language switch.
import { errorMessage } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { login } from '../meta';
import { alertBox } from './common';
import { langSwitch } from './layout';

export function renderLogin(root: HTMLElement, onSuccess: () => void, notice?: string, prefill = ''): void {
  const errorSlot = h('div', { class: 'login-error' }, notice ? alertBox(notice, 'info') : null);
  const loginInput = h('input', {
    id: 'login-login', name: 'login', type: 'text', autocomplete: 'username', required: true,
    testid: 'login-login', autofocus: true, maxlength: 64, value: prefill,
  });
  const passwordInput = h('input', {
    id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
    testid: 'login-password',
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', testid: 'login-submit' }, t('loginSubmit'));

  const form = h('form', { class: 'login-form', testid: 'login-form', novalidate: true },
    errorSlot,
    h('div', { class: 'form-row' }, h('label', { for: 'login-login' }, t('loginField')), loginInput),
    h('div', { class: 'form-row' }, h('label', { for: 'login-password' }, t('passwordField')), passwordInput),
    submit);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errorSlot.replaceChildren();
    if (!loginInput.value.trim() || !passwordInput.value) {
      errorSlot.append(alertBox(t('loginFailed')));
      return;
    }
    submit.disabled = true;
    try {
      await login(loginInput.value.trim(), passwordInput.value);
      onSuccess();
    } catch (e) {
      errorSlot.replaceChildren(alertBox(errorMessage(e) || t('loginFailed')));
      passwordInput.value = '';
      passwordInput.focus();
    } finally {
      submit.disabled = false;
    }
  });

  root.replaceChildren(
    h('div', { class: 'login-page' },
      h('div', { class: 'login-card' },
        h('div', { class: 'login-top' }, langSwitch(() => renderLogin(root, onSuccess, undefined, loginInput.value))),
        h('div', { class: 'brand brand-large' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), t('appName')),
        h('p', { class: 'tagline' }, t('tagline')),
        h('h1', { class: 'login-title' }, t('loginTitle')),
        form)));
  loginInput.focus();
}
