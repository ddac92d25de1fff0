// The frame around every screen: top bar, navigation by value-chain area, content.
import { h } from '../dom';
import { lang, setLang, t, tl, type Lang, type MsgKey } from '../i18n';
import { allReports, allTypes, AREAS, currentUser, isAdmin, typeMeta, type Area } from '../meta';
import { enumLabel } from '../format';
import { href, type Route } from '../router';
import { notificationBell } from './bell';

const AREA_LABEL: Record<Area, MsgKey> = {
  engage: 'areaEngage',
  support: 'areaSupport',
  build: 'areaBuild',
  improve: 'areaImprove',
  platform: 'areaPlatform',
};

export function langSwitch(onChange: () => void): HTMLElement {
  const item = (code: Lang, label: string, title: string) =>
    h('button', {
      type: 'button',
      class: `lang-btn${lang() === code ? ' active' : ''}`,
      testid: `lang-${code}`,
      lang: code,
      title,
      'aria-pressed': lang() === code ? 'true' : 'false',
      onclick: () => {
        if (lang() === code) return;
        setLang(code);
        onChange();
      },
    }, label);
  return h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('language') },
    item('fr', 'FR', 'Français'), h('span', { class: 'sep', 'aria-hidden': 'true' }, '|'), item('en', 'EN', 'English'));
}

function roleLabel(role: string): string {
  const f = typeMeta('users')?.fields.find((x) => x.name === 'role');
  return enumLabel(f, role) || role;
}

export interface Shell {
  main: HTMLElement;
  setActive: (route: Route) => void;
}

export function renderShell(root: HTMLElement, onLang: () => void, onLogout: () => void): Shell {
  const user = currentUser();
  const nav = h('nav', { class: 'sidebar', 'aria-label': 'Navigation' });
  const links: { el: HTMLAnchorElement; key: string }[] = [];
  const navLink = (key: string, to: string, label: string, testid: string) => {
    const a = h('a', { href: to, class: 'nav-link', testid }, label);
    links.push({ el: a, key });
    return h('li', null, a);
  };

  nav.append(h('ul', { class: 'nav-list nav-top' }, navLink('dashboard', '#/', t('dashboard'), 'nav-dashboard')));
  const readable = allTypes().filter((x) => x.permissions.read);
  for (const area of AREAS) {
    const types = readable.filter((x) => x.area === area);
    const items = types.map((x) => navLink(x.name, href(x.name), tl(x.label), `nav-${x.name}`));
    for (const r of allReports().filter((x) => x.area === area && x.permitted))
      items.push(navLink(`report:${r.name}`, href('reports', r.name), tl(r.label), `nav-report-${r.name}`));
    if (area === 'improve' && typeMeta('improvements')?.permissions.read)
      items.unshift(navLink('pdca', href('pdca'), t('pdcaBoard'), 'nav-pdca'),
        navLink('review', href('review'), t('reviewTitle'), 'nav-review'));
    if (area === 'improve' && currentUser()?.role !== 'end_user') items.unshift(navLink('kpis', href('kpis'), t('kpis'), 'nav-kpis'));
    if (area === 'platform' && isAdmin()) items.push(navLink('audit', href('audit'), t('audit'), 'nav-audit'));
    if (items.length === 0 && area !== 'build') continue;
    nav.append(h('section', { class: 'nav-area', testid: `area-${area}` },
      h('h2', { class: 'nav-area-title' }, t(AREA_LABEL[area])),
      items.length ? h('ul', { class: 'nav-list' }, items) : h('p', { class: 'nav-coming' }, t('comingSoon'))));
  }

  const main = h('main', { id: 'content', class: 'content', tabindex: '-1' });
  const top = h('header', { class: 'topbar' },
    h('a', { class: 'skip-link', href: '#content', onclick: (ev: Event) => { ev.preventDefault(); main.focus(); } }, t('skipToContent')),
    h('a', { class: 'brand', href: '#/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), t('appName')),
    h('div', { class: 'topbar-right' },
      user ? h('div', { class: 'user-chip', testid: 'current-user' },
        h('span', { class: 'user-name' }, user.display_name || user.login),
        h('span', { class: 'user-role' }, roleLabel(user.role))) : null,
      user ? notificationBell() : null,
      langSwitch(onLang),
      h('button', { type: 'button', class: 'btn btn-ghost', testid: 'logout', onclick: onLogout }, t('logout'))));

  root.replaceChildren(h('div', { class: 'app' }, top, h('div', { class: 'body' }, nav, main)));

  return {
    main,
    setActive(route: Route) {
      const key = route.name === 'dashboard' ? 'dashboard' : route.name === 'audit' ? 'audit' : route.name === 'pdca' ? 'pdca' : route.name === 'review' ? 'review'
        : route.name === 'report' ? `report:${route.report}` : route.name === 'kpis' ? 'kpis'
        : 'type' in route ? route.type : '';
      for (const l of links) {
        const on = l.key === key;
        l.el.classList.toggle('active', on);
        if (on) l.el.setAttribute('aria-current', 'page');
        else l.el.removeAttribute('aria-current');
      }
    },
  };
}
