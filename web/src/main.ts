// Boucle web app: session, shell and routing.
import './style.css';
import { ApiError, errorMessage, setUnauthorizedHandler } from './api';
import { h } from './dom';
import { t, tl } from './i18n';
import { loadMeta, loadSession, logout, typeMeta } from './meta';
import { currentRoute, type Route } from './router';
import { alertBox, loading, type ViewContext } from './views/common';
import { renderShell, type Shell } from './views/layout';
import { renderLogin } from './views/login';
import { renderDashboard } from './views/dashboard';
import { renderList } from './views/list';
import { renderDetail } from './views/detail';
import { renderForm } from './views/form';
import { renderHistory } from './views/history';
import { renderTrace } from './views/trace';
import { renderAudit } from './views/audit';
import { renderReport } from './views/report';
import { renderPdcaBoard } from './views/pdca';
import { renderReview } from './views/review';
import { renderPublicSurvey } from './views/public_survey';
import { renderKpis } from './views/kpis';

const appRoot = document.getElementById('app') as HTMLElement;
let shell: Shell | null = null;
let cleanups: (() => void)[] = [];
let renderSeq = 0;

function runCleanups(): void {
  const fns = cleanups;
  cleanups = [];
  for (const fn of fns) {
    try {
      fn();
    } catch {
      /* a failing cleanup must not block navigation */
    }
  }
}

function pageTitle(route: Route): string {
  const type = 'type' in route ? typeMeta(route.type) : undefined;
  switch (route.name) {
    case 'dashboard': return t('dashboard');
    case 'audit': return t('audit');
    case 'pdca': return t('pdcaBoard');
    case 'review': return t('reviewTitle');
    case 'report': return route.report;
    case 'kpis': return t('kpis');
    case 'list': return type ? tl(type.label) : route.type;
    case 'new': return t('newTitle', { type: type ? tl(type.singular) : route.type });
    case 'detail': return `${type ? tl(type.singular) : route.type} #${route.id}`;
    case 'edit': return t('editTitle', { title: `#${route.id}` });
    case 'history': return t('historyTitle', { title: `#${route.id}` });
    case 'trace': return t('traceTitle', { title: `#${route.id}` });
    default: return t('notFound');
  }
}

function renderRoute(): void {
  if (!shell) return;
  runCleanups();
  const seq = ++renderSeq;
  const main = shell.main;
  const ctx: ViewContext = {
    root: main,
    alive: () => seq === renderSeq && shell?.main === main,
    onCleanup: (fn) => cleanups.push(fn),
  };
  const route = currentRoute();
  shell.setActive(route);
  document.title = `${pageTitle(route)} · ${t('appName')}`;
  const fail = (e: unknown) => {
    if (ctx.alive()) main.replaceChildren(alertBox(errorMessage(e)));
  };
  switch (route.name) {
    case 'dashboard': renderDashboard(ctx); break;
    case 'audit': renderAudit(ctx, route.query); break;
    case 'pdca': renderPdcaBoard(ctx); break;
    case 'review': renderReview(ctx, route.query); break;
    case 'report': renderReport(ctx, route.report, route.query); break;
    case 'kpis': renderKpis(ctx, route.kpi, route.query); break;
    case 'list': renderList(ctx, route.type, route.query); break;
    case 'new': renderForm(ctx, route.type, null).catch(fail); break;
    case 'detail': renderDetail(ctx, route.type, route.id).catch(fail); break;
    case 'edit': renderForm(ctx, route.type, route.id).catch(fail); break;
    case 'history': renderHistory(ctx, route.type, route.id).catch(fail); break;
    case 'trace': renderTrace(ctx, route.type, route.id).catch(fail); break;
    default: main.replaceChildren(alertBox(t('notFound'), 'warning'));
  }
  window.scrollTo(0, 0);
}

function buildShell(): void {
  shell = renderShell(appRoot, () => { buildShell(); renderRoute(); }, () => { void signOut(); });
}

async function startApp(): Promise<void> {
  appRoot.replaceChildren(h('div', { class: 'boot' }, loading()));
  try {
    await loadMeta();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      showLogin();
      return;
    }
    showFatal(e);
    return;
  }
  buildShell();
  renderRoute();
}

function showLogin(notice?: string): void {
  runCleanups();
  shell = null;
  renderSeq++;
  document.title = `${t('loginTitle')} · ${t('appName')}`;
  renderLogin(appRoot, () => { void startApp(); }, notice);
}

function showFatal(e: unknown): void {
  shell = null;
  appRoot.replaceChildren(h('div', { class: 'boot' },
    alertBox(errorMessage(e), 'error', h('button', { type: 'button', class: 'btn', onclick: () => { void boot(); } }, t('reload')))));
}

async function signOut(): Promise<void> {
  try {
    await logout();
  } catch {
    /* the session is gone either way */
  }
  showLogin();
}

async function boot(): Promise<void> {
  appRoot.replaceChildren(h('div', { class: 'boot' }, loading()));
  try {
    await loadSession();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) showLogin();
    else showFatal(e);
    return;
  }
  await startApp();
}

setUnauthorizedHandler(() => {
  if (shell) showLogin(t('sessionExpired'));
});
// A survey link (/s/<token>) is a page of its own: no session, no shell.
if (location.pathname.startsWith('/s/')) {
  renderPublicSurvey(appRoot, decodeURIComponent(location.pathname.slice(3)));
} else {
  window.addEventListener('hashchange', renderRoute);
  void boot();
}
