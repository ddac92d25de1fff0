// Hash routes: #/, #/audit, #/kpis, #/kpis/<id>, #/pdca, #/review?service=&month=, #/<type>, #/<type>/new, #/<type>/<id>,
// #/<type>/<id>/edit|history|trace.
// A list keeps its search, filters, sort and page in the hash's query: #/tickets?q=vpn&sort=-id.

export type Route =
  | { name: 'dashboard' }
  | { name: 'audit'; query: URLSearchParams }
  | { name: 'pdca' }
  | { name: 'review'; query: URLSearchParams }
  | { name: 'report'; report: string; query: URLSearchParams }
  | { name: 'kpis'; kpi: string | null; query: URLSearchParams }
  | { name: 'list'; type: string; query: URLSearchParams }
  | { name: 'new'; type: string }
  | { name: 'detail'; type: string; id: number }
  | { name: 'edit'; type: string; id: number }
  | { name: 'history'; type: string; id: number }
  | { name: 'trace'; type: string; id: number }
  | { name: 'notfound'; path: string };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const query = new URLSearchParams(queryPart);
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'dashboard' };
  const [type, second, third] = parts as [string, string?, string?];
  if (!/^[a-z][a-z0-9_]*$/.test(type)) return { name: 'notfound', path: pathPart };
  if (type === 'kpis' && parts.length <= 2) return { name: 'kpis', kpi: second ?? null, query };
  if (parts.length === 1 && type === 'audit') return { name: 'audit', query };
  if (parts.length === 1 && type === 'pdca') return { name: 'pdca' };
  if (parts.length === 1 && type === 'review') return { name: 'review', query };
  if (parts.length === 1) return { name: 'list', type, query };
  if (second === 'new' && parts.length === 2) return { name: 'new', type };
  if (type === 'reports' && second && parts.length === 2 && /^[a-z][a-z0-9_]*$/.test(second)) return { name: 'report', report: second, query };
  if (!second || !/^\d+$/.test(second)) return { name: 'notfound', path: pathPart };
  const id = Number(second);
  if (parts.length === 2) return { name: 'detail', type, id };
  if (parts.length === 3 && (third === 'edit' || third === 'history' || third === 'trace')) return { name: third, type, id };
  return { name: 'notfound', path: pathPart };
}

export function currentRoute(): Route {
  return parseHash(location.hash);
}

export function href(...parts: (string | number)[]): string {
  return `#/${parts.map((p) => encodeURIComponent(String(p))).join('/')}`;
}

export function navigate(to: string): void {
  if (location.hash === to) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = to;
}

/** Changes the hash's query without a new render (the list screen updates itself). */
export function replaceQuery(path: string, params: URLSearchParams): void {
  const qs = params.toString();
  history.replaceState(null, '', `#${path}${qs ? `?${qs}` : ''}`);
}
