// The bell in the top bar: how many of the person's notifications are unread, polled every minute
// while the tab is visible, and on opening the latest ones, each linking to the record it is about.
import { api, errorMessage } from '../api';
import { h } from '../dom';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { href, navigate } from '../router';

interface Notification {
  id: number;
  title: string;
  text: string | null;
  about_type: string | null;
  about_id: number | null;
  read_at: string | null;
  created_at: string;
}
interface Page<T> {
  items: T[];
  total: number;
}

const POLL_MS = 60_000;
let timer: number | undefined;
let refreshCurrent: (() => void) | null = null;

function stopPolling(): void {
  if (timer !== undefined) window.clearInterval(timer);
  timer = undefined;
}

function startPolling(): void {
  stopPolling();
  if (!document.hidden && refreshCurrent) timer = window.setInterval(() => refreshCurrent?.(), POLL_MS);
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden) return stopPolling();
  refreshCurrent?.();
  startPolling();
});

// A bell outline drawn in SVG: an emoji would depend on the fonts installed.
function bellIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'bell-icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2zM10 20a2 2 0 0 0 4 0');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.8');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}

export function notificationBell(): HTMLElement {
  const panelId = 'notification-panel';
  const badge = h('span', { class: 'bell-count', testid: 'bell-count', 'aria-hidden': 'true', hidden: true });
  const live = h('span', { class: 'visually-hidden', 'aria-live': 'polite', testid: 'bell-live' });
  const button = h('button', {
    type: 'button', class: 'btn btn-ghost bell', testid: 'bell', 'aria-haspopup': 'true',
    'aria-expanded': 'false', 'aria-controls': panelId, title: t('notifications'), 'aria-label': t('notifications'),
  }, bellIcon(), badge);
  const panel = h('div', { id: panelId, class: 'bell-panel', testid: 'bell-panel', role: 'region',
    'aria-label': t('notifications'), hidden: true });
  const root = h('div', { class: 'bell-wrap' }, button, live, panel);
  let shown: Notification[] = [];

  const setCount = (n: number) => {
    badge.textContent = n > 99 ? '99+' : String(n);
    badge.hidden = n === 0;
    const text = n === 0 ? t('notificationsNone') : t('notificationsUnread', { count: n });
    if (live.textContent !== text) live.textContent = text;
    button.setAttribute('aria-label', `${t('notifications')} (${text})`);
  };

  const refresh = () => {
    if (!root.isConnected) {  // the shell was rebuilt or the session ended
      if (refreshCurrent === refresh) {
        refreshCurrent = null;
        stopPolling();
      }
      return;
    }
    api.get<Page<Notification>>('/notifications', { read_at__null: 'true', limit: 1 })
      .then((p) => setCount(p.total))
      .catch(() => { /* the next poll tries again; a lost session is handled by the API layer */ });
  };

  const close = (focusButton: boolean) => {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (focusButton) button.focus();
  };

  const markRead = async (n: Notification) => {
    if (n.read_at) return;
    await api.post(`/notifications/${n.id}/actions/read`, {});
    refresh();
  };

  const item = (n: Notification) => {
    const to = n.about_type && n.about_id ? href(n.about_type, n.about_id) : href('notifications', n.id);
    const link = h('a', {
      href: to, class: 'bell-link', testid: `bell-item-${n.id}`,
      onclick: (ev: Event) => {
        ev.preventDefault();
        close(false);
        void markRead(n).catch(() => undefined).finally(() => navigate(to));
      },
    }, h('span', { class: 'bell-title' }, n.title), n.text ? h('span', { class: 'bell-text' }, n.text) : null,
    h('span', { class: 'bell-when muted' }, formatDateTime(n.created_at)));
    const actions = n.read_at ? null : h('button', {
      type: 'button', class: 'btn btn-ghost bell-read', testid: `bell-read-${n.id}`,
      onclick: () => { void markRead(n).then(() => { li.classList.remove('unread'); actions?.remove(); }); },
    }, t('notificationMarkRead'));
    const li = h('li', { class: n.read_at ? 'bell-item' : 'bell-item unread' }, link, actions);
    return li;
  };

  const fill = async () => {
    panel.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      const page = await api.get<Page<Notification>>('/notifications', { limit: 20 });
      shown = page.items;
      const newest = shown[0];
      const markAll = h('button', {
        type: 'button', class: 'btn btn-ghost', testid: 'bell-read-all', disabled: !shown.some((n) => !n.read_at),
        onclick: () => {
          if (!newest) return;
          void api.post(`/notifications/${newest.id}/actions/read_all`, {}).then(() => { refresh(); void fill(); });
        },
      }, t('notificationsMarkAll'));
      panel.replaceChildren(
        h('div', { class: 'bell-head' }, h('h2', null, t('notifications')), markAll),
        shown.length ? h('ul', { class: 'bell-list' }, shown.map(item)) : h('p', { class: 'empty' }, t('notificationsEmpty')),
        h('a', { href: href('notifications'), class: 'bell-all', onclick: () => close(false) }, t('notificationsAll')));
    } catch (e) {
      panel.replaceChildren(h('p', { class: 'error' }, errorMessage(e)));
    }
  };

  button.addEventListener('click', () => {
    const open = panel.hidden;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) void fill().then(() => (panel.querySelector('a, button:not([disabled])') as HTMLElement | null)?.focus());
  });
  root.addEventListener('keydown', (ev: KeyboardEvent) => {
    if (ev.key === 'Escape' && !panel.hidden) close(true);
  });
  document.addEventListener('click', (ev) => {
    if (!panel.hidden && !root.contains(ev.target as Node)) close(false);
  });

  refreshCurrent = refresh;
  setCount(0);
  window.setTimeout(refresh, 0);  // once the shell holding the bell is in the page
  startPolling();
  return root;
}
