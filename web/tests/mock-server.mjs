#!/usr/bin/env node
// A stand-in for `boucle` that implements the HTTP API contract (notes/api-contract.md) in memory,
// for developing the web app without the C++ server. Same command line as the real binary:
//   node web/tests/mock-server.mjs demo  --db /tmp/x.json
//   node web/tests/mock-server.mjs serve --db /tmp/x.json --listen 127.0.0.1:0 --web web/dist
// The browser test accepts it as --binary. It is NOT the server: the C++ one is the truth.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const ALL = ['admin', 'agent', 'team_lead', 'finance', 'developer', 'end_user'];
const STAFF = ALL.filter((r) => r !== 'end_user');
const DESK = ['admin', 'agent', 'team_lead', 'developer'];
const REL = ['admin', 'agent', 'team_lead'];
const L = (fr, en = fr) => ({ fr, en });
const LEVELS = [['high', L('Haute', 'High')], ['medium', L('Moyenne', 'Medium')], ['low', L('Basse', 'Low')]];

function f(name, kind, label, o = {}) {
  return {
    name, kind, label, required: !!o.required, default: o.def ?? null, min: o.min ?? null,
    max: o.max ?? (kind === 'text' ? 200 : kind === 'markdown' ? 65536 : null),
    options: (o.options ?? []).map(([id, label]) => ({ id, label })), ref_type: o.ref ?? null,
    filterable: !!o.filter, sortable: !!o.sort, searchable: !!o.search, computed: !!o.computed,
    in_list: !!o.list, unique: !!o.unique, write: o.write ?? ALL,
  };
}

const TYPES = [
  { name: 'users', label: L('Utilisateurs', 'Users'), singular: L('Utilisateur', 'User'), area: 'platform', title_field: 'display_name',
    default_sort: 'login', read: ALL, create: ['admin'], update: ['admin'], del: ['admin'], fields: [
      f('login', 'text', L('Identifiant', 'Login'), { required: true, filter: true, sort: true, search: true, list: true, min: 2, max: 64, unique: true }),
      f('display_name', 'text', L('Nom affiché', 'Display name'), { required: true, sort: true, search: true, list: true, max: 120 }),
      f('email', 'text', L('Courriel', 'Email'), { search: true, max: 254 }),
      f('role', 'enum', L('Rôle', 'Role'), { required: true, filter: true, list: true, options: [
        ['admin', L('Administrateur', 'Administrator')], ['agent', L('Agent de support', 'Support agent')],
        ['team_lead', L("Responsable d'équipe", 'Team lead')], ['finance', L('Finance')],
        ['developer', L('Développeur', 'Developer')], ['end_user', L('Utilisateur final', 'End user')]] }),
      f('job_title', 'text', L('Fonction', 'Job title'), { list: true, max: 120 }),
      f('language', 'enum', L('Langue', 'Language'), { def: 'fr', options: [['fr', L('Français', 'French')], ['en', L('Anglais', 'English')]] }),
      f('active', 'boolean', L('Actif', 'Active'), { filter: true, def: true }),
    ] },
  { name: 'services', label: L('Services'), singular: L('Service'), area: 'support', title_field: 'name', default_sort: 'name',
    read: ALL, create: ['admin', 'team_lead'], update: ['admin', 'team_lead'], del: ['admin'], fields: [
      f('name', 'text', L('Nom', 'Name'), { required: true, filter: true, sort: true, search: true, list: true, max: 120, unique: true }),
      f('description', 'markdown', L('Description'), { search: true }),
      f('owner', 'ref', L('Responsable', 'Owner'), { ref: 'users', filter: true, list: true }),
      f('lifecycle', 'enum', L('Cycle de vie', 'Lifecycle'), { required: true, filter: true, list: true, def: 'live', options: [
        ['pipeline', L('En préparation', 'Pipeline')], ['live', L('En service', 'Live')], ['retired', L('Retiré', 'Retired')]] }),
      f('category', 'text', L('Catégorie', 'Category'), { filter: true, sort: true, list: true, max: 80 }),
    ] },
  { name: 'tickets', label: L('Tickets'), singular: L('Ticket'), area: 'support', title_field: 'title', default_sort: '-id',
    read: ALL, create: ALL, update: DESK, del: ['admin'], fields: [
      f('kind', 'enum', L('Type', 'Type'), { required: true, filter: true, list: true, def: 'incident', options: [['incident', L('Incident')], ['request', L('Demande', 'Request')]] }),
      f('title', 'text', L('Titre', 'Title'), { required: true, sort: true, search: true, list: true, min: 3 }),
      f('description', 'markdown', L('Description'), { search: true }),
      f('requester', 'ref', L('Demandeur', 'Requester'), { ref: 'stakeholders', filter: true }),
      f('assignee', 'ref', L('Assigné à', 'Assignee'), { ref: 'users', filter: true, list: true }),
      f('service', 'ref', L('Service'), { ref: 'services', filter: true, list: true }),
      f('category', 'text', L('Catégorie', 'Category'), { filter: true, sort: true, max: 80 }),
      f('impact', 'enum', L('Impact'), { required: true, filter: true, def: 'medium', options: LEVELS }),
      f('urgency', 'enum', L('Urgence', 'Urgency'), { required: true, filter: true, def: 'medium', options: LEVELS }),
      f('priority', 'enum', L('Priorité', 'Priority'), { filter: true, sort: true, list: true, computed: true, options: [['critical', L('Critique', 'Critical')], ...LEVELS] }),
      f('status', 'enum', L('Statut', 'Status'), { required: true, filter: true, sort: true, list: true, def: 'new', options: [
        ['new', L('Nouveau', 'New')], ['assigned', L('Assigné', 'Assigned')], ['in_progress', L('En cours', 'In progress')],
        ['pending', L('En attente', 'Pending')], ['resolved', L('Résolu', 'Resolved')], ['closed', L('Clos', 'Closed')]] }),
      f('resolution', 'markdown', L('Résolution', 'Resolution'), { search: true }),
      f('sla_due', 'datetime', L('Échéance SLA', 'SLA due'), { filter: true, sort: true, list: true, computed: true }),
      f('sla_breached', 'boolean', L('SLA dépassé', 'SLA breached'), { filter: true, computed: true }),
      f('resolved_at', 'datetime', L('Résolu le', 'Resolved at'), { filter: true, sort: true, computed: true }),
      f('closed_at', 'datetime', L('Clos le', 'Closed at'), { filter: true, sort: true, computed: true }),
      f('reopen_count', 'integer', L('Réouvertures', 'Reopens'), { filter: true, computed: true, def: 0 }),
      f('reassignment_count', 'integer', L('Réaffectations', 'Reassignments'), { filter: true, computed: true, def: 0 }),
    ] },
  { name: 'stakeholders', label: L('Parties prenantes', 'Stakeholders'), singular: L('Partie prenante', 'Stakeholder'), area: 'engage',
    title_field: 'name', default_sort: 'name', read: ALL, create: REL, update: REL, del: ['admin'], fields: [
      f('name', 'text', L('Nom', 'Name'), { required: true, sort: true, search: true, list: true, max: 120 }),
      f('stakeholder_group', 'enum', L('Groupe de parties prenantes', 'Stakeholder group'), { required: true, filter: true, sort: true, list: true, options: [
        ['sponsor', L('Direction / sponsor (DSI)', 'Sponsor (CIO)')], ['support', L('Agents de support', 'Support agents')],
        ['end_user', L('Utilisateurs finaux', 'End users')], ['supplier', L('Fournisseurs', 'Suppliers')]] }),
      f('job_title', 'text', L('Fonction', 'Job title'), { search: true, list: true, max: 120 }),
      f('services', 'ref_list', L('Services concernés', 'Services concerned'), { ref: 'services', filter: true }),
      f('influence', 'integer', L('Influence (1-5)'), { required: true, filter: true, sort: true, list: true, def: 3, min: 1, max: 5 }),
      f('interest', 'integer', L('Intérêt (1-5)', 'Interest (1-5)'), { required: true, filter: true, sort: true, list: true, def: 3, min: 1, max: 5 }),
      f('user_account', 'ref', L('Compte utilisateur', 'User account'), { ref: 'users', filter: true, unique: true }),
    ] },
  { name: 'feedback', label: L('Retours', 'Feedback'), singular: L('Retour', 'Feedback'), area: 'engage', title_field: 'summary',
    default_sort: '-id', read: ALL, create: ALL, update: REL, del: ['admin'], fields: [
      f('stakeholder', 'ref', L('Partie prenante', 'Stakeholder'), { ref: 'stakeholders', filter: true, list: true }),
      f('service', 'ref', L('Service'), { ref: 'services', filter: true, list: true }),
      f('ticket', 'ref', L('Ticket'), { ref: 'tickets', filter: true }),
      f('kind', 'enum', L('Nature', 'Kind'), { required: true, filter: true, list: true, options: [
        ['praise', L('Compliment', 'Praise')], ['complaint', L('Réclamation', 'Complaint')], ['suggestion', L('Suggestion')], ['idea', L('Idée', 'Idea')]] }),
      f('rating', 'integer', L('Note (1-5)', 'Rating (1-5)'), { filter: true, sort: true, list: true, min: 1, max: 5 }),
      f('summary', 'text', L('Résumé', 'Summary'), { required: true, sort: true, search: true, list: true, min: 3 }),
      f('text', 'markdown', L('Texte', 'Text'), { search: true }),
      f('status', 'enum', L('Statut', 'Status'), { required: true, filter: true, list: true, def: 'new', write: REL, options: [
        ['new', L('Nouveau', 'New')], ['acknowledged', L('Pris en compte', 'Acknowledged')],
        ['in_improvement', L('En amélioration', 'In improvement')], ['closed', L('Clos', 'Closed')]] }),
    ] },
  { name: 'improvements', label: L('Améliorations', 'Improvements'), singular: L('Amélioration', 'Improvement'), area: 'improve',
    title_field: 'title', default_sort: '-id', read: ALL, create: DESK, update: DESK, del: ['admin'], fields: [
      f('title', 'text', L('Titre', 'Title'), { required: true, sort: true, search: true, list: true, min: 3 }),
      f('description', 'markdown', L('Description'), { search: true }),
      f('owner', 'ref', L('Responsable', 'Owner'), { ref: 'users', filter: true, list: true }),
      f('phase', 'enum', L('Phase PDCA', 'PDCA phase'), { required: true, filter: true, sort: true, list: true, def: 'plan', options: [
        ['plan', L('Planifier', 'Plan')], ['do', L('Faire', 'Do')], ['check', L('Vérifier', 'Check')], ['act', L('Agir', 'Act')], ['done', L('Terminée', 'Done')]] }),
      f('service', 'ref', L('Service'), { ref: 'services', filter: true, list: true }),
      f('baseline', 'decimal', L('Valeur de départ', 'Baseline'), { min: -1e12, max: 1e12 }),
      f('target', 'decimal', L('Cible', 'Target'), { min: -1e12, max: 1e12 }),
      f('due_at', 'datetime', L('Échéance', 'Due'), { filter: true, sort: true, list: true }),
    ] },
  { name: 'links', label: L('Liens', 'Links'), singular: L('Lien', 'Link'), area: 'platform', title_field: 'kind', default_sort: '-id',
    read: STAFF, create: DESK, update: DESK, del: DESK, fields: [
      f('from_type', 'text', L("Type d'origine", 'From type'), { required: true, filter: true, list: true, max: 64 }),
      f('from_id', 'integer', L('Origine', 'From'), { required: true, filter: true, list: true, min: 1 }),
      f('kind', 'enum', L('Nature du lien', 'Link kind'), { required: true, filter: true, list: true, options: [
        ['originates_from', L('provient de', 'originates from')], ['measured_by', L('mesurée par', 'measured by')],
        ['implements', L('met en œuvre', 'implements')], ['relates_to', L('en rapport avec', 'relates to')],
        ['duplicates', L('doublon de', 'duplicates')], ['caused_by', L('causé par', 'caused by')]] }),
      f('to_type', 'text', L('Type de destination', 'To type'), { required: true, filter: true, list: true, max: 64 }),
      f('to_id', 'integer', L('Destination', 'To'), { required: true, filter: true, list: true, min: 1 }),
      f('note', 'text', L('Note'), { max: 500 }),
    ] },
];
const typeOf = (name) => TYPES.find((t) => t.name === name);

// ---- data ----
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const addHours = (iso, h) => new Date(Date.parse(iso) + h * 3600e3).toISOString().replace(/\.\d{3}Z$/, 'Z');

function demoData() {
  const db = { records: {}, seq: {}, history: [], audit: [], passwords: {} };
  for (const t of TYPES) { db.records[t.name] = []; db.seq[t.name] = 0; }
  const t0 = '2026-03-01T08:00:00Z';
  const add = (type, rec, at = t0) => {
    const id = ++db.seq[type];
    const r = { id, ...rec, created_at: at, updated_at: at, created_by: 1, version: 1 };
    for (const fl of typeOf(type).fields) if (!(fl.name in r)) r[fl.name] = fl.default ?? (fl.kind === 'ref_list' ? [] : null);
    if (type === 'tickets') ticketHook(r, null, at);
    db.records[type].push(r);
    return r;
  };
  const users = [['admin', 'Administratrice', 'admin'], ['cio', 'Claire Dubois (DSI)', 'team_lead'], ['lead.reseau', 'Paul Lefèvre', 'team_lead'],
    ['lead.infra', 'Sophie Bernard', 'team_lead'], ['lead.dev', 'Karim Haddad', 'team_lead'], ['agent.martin', 'Julie Martin', 'agent'],
    ['agent.diallo', 'Moussa Diallo', 'agent'], ['finance', 'Anne Roux', 'finance'], ['dev.nguyen', 'Linh Nguyen', 'developer'],
    ['user.durand', 'Marc Durand', 'end_user']];
  for (const [login, name, role] of users) { add('users', { login, display_name: name, role, active: true }); db.passwords[login] = 'boucle-demo'; }
  const services = ['Messagerie', 'Réseau et VPN', 'Poste de travail', 'ERP Finance', 'Intranet'].map((name, i) =>
    add('services', { name, owner: 2 + (i % 3), lifecycle: 'live', category: i < 3 ? 'Infrastructure' : 'Applications' }));
  const sh = [['Marc Durand', 'end_user', 10], ['Claire Dubois', 'sponsor', 2], ['Julie Martin', 'support', 6], ['Fournisseur Télécom', 'supplier', null]]
    .map(([name, group, ua]) => add('stakeholders', { name, stakeholder_group: group, influence: 3, interest: 4, user_account: ua, services: [1, 2] }));
  const titles = ['Messagerie lente le matin', 'VPN coupe toutes les 10 minutes', 'Imprimante du 2e étage hors service',
    'Accès ERP refusé', 'Nouveau poste pour stagiaire', 'Intranet : page blanche', 'Mot de passe expiré', 'Wi-Fi salle B instable'];
  const st = ['new', 'assigned', 'in_progress', 'pending', 'resolved', 'new', 'closed', 'in_progress'];
  const lv = ['high', 'medium', 'low'];
  for (let i = 0; i < 40; i++) {
    const status = st[i % st.length];
    add('tickets', { kind: i % 4 === 0 ? 'request' : 'incident', title: `${titles[i % titles.length]} (${i + 1})`, description: 'Constaté par l’utilisateur.\nDeuxième ligne <b>pas du HTML</b>.',
      requester: sh[i % 2].id, assignee: status === 'new' ? null : 6 + (i % 2), service: services[i % services.length].id,
      impact: lv[i % 3], urgency: lv[(i + 1) % 3], status, resolution: status === 'resolved' || status === 'closed' ? 'Corrigé.' : null },
      addHours(t0, i * 5));
  }
  ['Bravo pour la réactivité', 'Le VPN reste pénible', 'Proposer un portail libre-service', 'Messagerie enfin rapide', 'Idée : FAQ VPN', 'Délai trop long']
    .forEach((summary, i) => add('feedback', { stakeholder: sh[i % 3].id, service: services[i % 5].id, kind: ['praise', 'complaint', 'suggestion', 'idea'][i % 4],
      rating: 1 + (i % 5), summary, status: 'new' }, addHours(t0, i * 24)));
  ['Stabiliser le VPN', 'Réduire le délai de résolution', 'Portail libre-service'].forEach((title, i) =>
    add('improvements', { title, owner: 3 + i, phase: ['plan', 'do', 'check'][i], service: services[1].id, baseline: 12.5, target: 8 }));
  add('links', { from_type: 'improvements', from_id: 1, kind: 'originates_from', to_type: 'feedback', to_id: 2 });
  add('links', { from_type: 'feedback', from_id: 2, kind: 'relates_to', to_type: 'tickets', to_id: 2 });
  add('links', { from_type: 'improvements', from_id: 1, kind: 'measured_by', to_type: 'services', to_id: 2 });
  return db;
}

function ticketHook(next, before, at) {
  const lvl = (v) => (v === 'high' ? 0 : v === 'medium' ? 1 : 2);
  const m = [['critical', 'high', 'medium'], ['high', 'medium', 'low'], ['medium', 'low', 'low']];
  next.priority = m[lvl(next.impact)][lvl(next.urgency)];
  next.sla_due = addHours(next.created_at ?? at, { critical: 4, high: 8, medium: 24, low: 72 }[next.priority]);
  const from = before?.status ?? 'new';
  if (before && from !== next.status && (from === 'closed' || (from === 'resolved' && !['closed', 'in_progress', 'assigned'].includes(next.status)) || next.status === 'new'))
    return { code: 'ticket.transition_not_allowed', field: 'status', fr: `Passage de « ${from} » à « ${next.status} » interdit.`, en: `Cannot go from "${from}" to "${next.status}".` };
  if (next.status === 'new' && next.assignee != null) next.status = 'assigned';
  if (next.status === 'assigned' && next.assignee == null) return { code: 'ticket.assignee_required', field: 'assignee', fr: 'Un ticket assigné doit avoir un assigné.', en: 'An assigned ticket needs an assignee.' };
  if (['resolved', 'closed'].includes(next.status)) {
    if (!next.resolution) return { code: 'ticket.resolution_required', field: 'resolution', fr: 'La résolution est obligatoire pour résoudre.', en: 'A resolution is required to resolve.' };
    next.resolved_at ??= at;
    next.sla_breached = Date.parse(next.resolved_at) > Date.parse(next.sla_due);
  }
  return null;
}

// ---- command line ----
const argv = process.argv.slice(2);
const cmd = argv[0];
const opt = (name, def) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : def; };
const dbFile = opt('db');
if (cmd === 'demo' || cmd === 'migrate') {
  writeFileSync(dbFile, JSON.stringify(demoData()));
  console.log(`demo data written to ${dbFile}`);
  process.exit(0);
}
if (cmd !== 'serve') {
  console.error('usage: mock-server.mjs demo|serve --db FILE [--listen HOST:PORT] [--web DIR]');
  process.exit(2);
}
const db = existsSync(dbFile) ? JSON.parse(readFileSync(dbFile, 'utf8')) : demoData();
const webDir = resolve(opt('web', 'web/dist'));
const [host, port] = opt('listen', '127.0.0.1:8080').split(':');
const sessions = new Map();

// ---- HTTP ----
const MSG = {
  unauth: ['Authentification requise.', 'Authentication required.'],
  badlogin: ['Identifiant ou mot de passe incorrect.', 'Wrong login or password.'],
  csrf: ['Jeton CSRF manquant ou invalide.', 'Missing or invalid CSRF token.'],
  forbidden: ['Action non autorisée pour votre rôle.', 'Your role does not allow this.'],
  notfound: ['Enregistrement introuvable.', 'Record not found.'],
  required: ['Ce champ est obligatoire.', 'This field is required.'],
  invalid: ['Valeur invalide.', 'Invalid value.'],
  stale: ['Cet enregistrement a été modifié entre-temps.', 'This record was changed in the meantime.'],
  toolong: ['Texte trop long.', 'Text too long.'],
  tooshort: ['Texte trop court.', 'Text too short.'],
};

function send(res, status, body, headers = {}) {
  const data = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(data);
}

function serveStatic(req, res) {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = normalize(join(webDir, p));
  if (!file.startsWith(webDir) || !existsSync(file) || statSync(file).isDirectory()) file = join(webDir, 'index.html');
  if (!existsSync(file)) { res.writeHead(404); res.end('no web app'); return; }
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };
  res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
  if (!url.pathname.startsWith('/api/')) return serveStatic(req, res);
  const en = (req.headers['accept-language'] ?? '').startsWith('en');
  const err = (status, code, key, field = null, extra = {}) =>
    send(res, status, { error: { code, message: MSG[key] ? MSG[key][en ? 1 : 0] : key, field, details: [], ...extra } });
  let body = null;
  if (req.method === 'POST' || req.method === 'PATCH') {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    try { body = raw ? JSON.parse(raw) : {}; } catch { return err(400, 'json.invalid', 'invalid'); }
  }
  const cookie = /(?:^|;\s*)boucle_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const sess = cookie ? sessions.get(cookie) : null;
  const parts = url.pathname.replace(/^\/api\/v1\/?/, '').split('/').filter(Boolean);

  if (parts[0] === 'session') {
    if (req.method === 'POST') {
      const u = db.records.users.find((x) => x.login === body.login);
      if (!u || db.passwords[body.login] !== body.password) return err(401, 'auth.invalid', 'badlogin');
      const sid = randomBytes(16).toString('hex');
      const s = { user: u, csrf: randomBytes(16).toString('hex') };
      sessions.set(sid, s);
      db.audit.unshift({ at: now(), user_id: u.id, login: u.login, event: 'session.login', detail: '', ip: '127.0.0.1' });
      return send(res, 200, sessionBody(s), { 'Set-Cookie': `boucle_session=${sid}; HttpOnly; SameSite=Strict; Path=/` });
    }
    if (!sess) return err(401, 'auth.required', 'unauth');
    if (req.method === 'GET') return send(res, 200, sessionBody(sess));
    if (req.method === 'DELETE') { sessions.delete(cookie); res.writeHead(204); return res.end(); }
  }
  if (!sess) return err(401, 'auth.required', 'unauth');
  if (req.method !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) return err(403, 'auth.csrf', 'csrf');
  const role = sess.user.role;
  const q = url.searchParams;

  if (parts[0] === 'meta') {
    return send(res, 200, { user: userBody(sess.user), types: TYPES.map((t) => ({
      name: t.name, label: t.label, singular: t.singular, area: t.area, title_field: t.title_field, default_sort: t.default_sort,
      permissions: { read: t.read.includes(role), create: t.create.includes(role), update: t.update.includes(role), delete: t.del.includes(role) },
      fields: t.fields.map(({ write, ...fl }) => ({ ...fl, writable: !fl.computed && write.includes(role) })),
    })) });
  }
  if (parts[0] === 'audit') {
    if (role !== 'admin') return err(403, 'auth.forbidden', 'forbidden');
    const limit = +(q.get('limit') ?? 50), offset = +(q.get('offset') ?? 0);
    return send(res, 200, { items: db.audit.slice(offset, offset + limit), total: db.audit.length });
  }
  const t = typeOf(parts[0]);
  if (!t) return err(404, 'type.unknown', 'notfound');
  if (!t.read.includes(role)) return err(403, 'auth.forbidden', 'forbidden');
  const rows = db.records[t.name];

  if (parts.length === 1 || parts[1] === 'count') {
    if (req.method === 'POST' && parts.length === 1) {
      if (!t.create.includes(role)) return err(403, 'auth.forbidden', 'forbidden');
      const rec = { id: 0, created_at: now(), updated_at: now(), created_by: sess.user.id, version: 1 };
      for (const fl of t.fields) rec[fl.name] = fl.default ?? (fl.kind === 'ref_list' ? [] : null);
      const bad = apply(t, rec, body, null, role, en);
      if (bad) return send(res, 422, { error: bad });
      rec.id = ++db.seq[t.name];
      rows.push(rec);
      db.history.push({ type: t.name, id: rec.id, version: 1, at: rec.created_at, user_id: sess.user.id, login: sess.user.login, field: '_created', old: null, new: null });
      return send(res, 201, rec);
    }
    let items = rows.filter((r) => matches(t, r, q));
    if (parts[1] === 'count') {
      const fld = q.get('field');
      const counts = new Map();
      for (const r of items) counts.set(r[fld], (counts.get(r[fld]) ?? 0) + 1);
      return send(res, 200, { items: [...counts].map(([key, count]) => ({ key, count })) });
    }
    const sort = q.get('sort') || t.default_sort;
    const desc = sort.startsWith('-'), key = sort.replace(/^-/, '');
    items = [...items].sort((a, b) => {
      const x = a[key], y = b[key];
      const c = x == null ? (y == null ? 0 : 1) : y == null ? -1 : x < y ? -1 : x > y ? 1 : 0;
      return (desc ? -c : c) || a.id - b.id;
    });
    const limit = Math.min(+(q.get('limit') ?? 50), 200), offset = +(q.get('offset') ?? 0);
    const page = items.slice(offset, offset + limit);
    return send(res, 200, { items: page, total: items.length, titles: titlesFor(t, page) });
  }
  const rec = rows.find((r) => r.id === +parts[1]);
  if (!rec) return err(404, 'record.not_found', 'notfound');
  if (parts[2] === 'history') {
    return send(res, 200, { items: db.history.filter((h) => h.type === t.name && h.id === rec.id).map(({ type, id, ...h }) => h).reverse() });
  }
  if (parts[2] === 'trace') return send(res, 200, trace(t.name, rec.id));
  if (req.method === 'GET') return send(res, 200, { ...rec, _titles: titlesFor(t, [rec]) });
  if (req.method === 'DELETE') {
    if (!t.del.includes(role)) return err(403, 'auth.forbidden', 'forbidden');
    rows.splice(rows.indexOf(rec), 1);
    res.writeHead(204);
    return res.end();
  }
  if (req.method === 'PATCH') {
    if (!t.update.includes(role)) return err(403, 'auth.forbidden', 'forbidden');
    const version = body.version ?? +(req.headers['if-match'] ?? 0);
    if (version !== rec.version) return err(409, 'record.stale', 'stale', null, { current_version: rec.version });
    const { version: _v, ...changes } = body;
    const next = structuredClone(rec);
    const bad = apply(t, next, changes, rec, role, en);
    if (bad) return send(res, 422, { error: bad });
    next.version = rec.version + 1;
    next.updated_at = now();
    for (const fl of t.fields) {
      if (JSON.stringify(rec[fl.name]) !== JSON.stringify(next[fl.name]))
        db.history.push({ type: t.name, id: rec.id, version: next.version, at: next.updated_at, user_id: sess.user.id, login: sess.user.login, field: fl.name, old: rec[fl.name], new: next[fl.name] });
    }
    Object.assign(rec, next);
    return send(res, 200, rec);
  }
  return err(405, 'method', 'invalid');
});

function userBody(u) { return { id: u.id, login: u.login, display_name: u.display_name, role: u.role, language: u.language }; }
function sessionBody(s) { return { csrf_token: s.csrf, user: userBody(s.user) }; }

function apply(t, rec, changes, before, role, en) {
  const details = [];
  const fail = (field, key, code = 'field.invalid') => details.push({ code, field, message: MSG[key][en ? 1 : 0] });
  for (const [k, v] of Object.entries(changes)) {
    const fl = t.fields.find((x) => x.name === k);
    if (!fl) { details.push({ code: 'field.unknown', field: k, message: `unknown field ${k}` }); continue; }
    if (fl.computed || !fl.write.includes(role)) { details.push({ code: 'field.read_only', field: k, message: 'read-only' }); continue; }
    if (fl.kind === 'enum' && v !== null && !fl.options.some((o) => o.id === v)) fail(k, 'invalid');
    if (fl.kind === 'text' && typeof v === 'string' && fl.max && v.length > fl.max) fail(k, 'toolong', 'field.too_long');
    if (fl.kind === 'text' && typeof v === 'string' && fl.min && v.length < fl.min) fail(k, 'tooshort', 'field.too_short');
    rec[k] = v;
  }
  for (const fl of t.fields) if (fl.required && !fl.computed && (rec[fl.name] == null || rec[fl.name] === '')) fail(fl.name, 'required', 'field.required');
  if (!details.length && t.name === 'tickets') {
    const e = ticketHook(rec, before, now());
    if (e) return { code: e.code, field: e.field, message: en ? e.en : e.fr, details: [] };
  }
  if (!details.length) return null;
  const first = details[0];
  return { code: first.code, field: first.field, message: first.message, details };
}

function matches(t, r, q) {
  for (const [k, v] of q) {
    if (['limit', 'offset', 'sort', 'field'].includes(k)) continue;
    if (k === 'q') {
      const s = v.toLowerCase();
      if (!t.fields.some((fl) => fl.searchable && String(r[fl.name] ?? '').toLowerCase().includes(s))) return false;
      continue;
    }
    const [name, op = 'eq'] = k.split('__');
    const val = r[name];
    const sv = val == null ? '' : String(val);
    if (op === 'eq' && sv !== v) return false;
    if (op === 'ne' && sv === v) return false;
    if (op === 'in' && !v.split(',').includes(sv)) return false;
    if (op === 'gte' && !(sv >= v)) return false;
    if (op === 'lte' && !(sv <= v)) return false;
  }
  return true;
}

function titlesFor(t, items) {
  const out = {};
  for (const fl of t.fields) {
    if (fl.kind !== 'ref' && fl.kind !== 'ref_list') continue;
    const rt = typeOf(fl.ref_type);
    for (const r of items) {
      for (const id of [].concat(r[fl.name] ?? [])) {
        const target = db.records[rt.name].find((x) => x.id === id);
        if (target) (out[rt.name] ??= {})[String(id)] = String(target[rt.title_field]);
      }
    }
  }
  if (items.length === 1 && items[0].created_by) {
    const u = db.records.users.find((x) => x.id === items[0].created_by);
    if (u) (out.users ??= {})[String(u.id)] = u.display_name;
  }
  return out;
}

function trace(type, id) {
  const nodes = [], edges = [], seen = new Set([`${type}:${id}`]);
  const title = (tp, i) => { const r = db.records[tp]?.find((x) => x.id === i); return r ? String(r[typeOf(tp).title_field]) : `#${i}`; };
  nodes.push({ type, id, title: title(type, id), depth: 0 });
  let frontier = [[type, id]];
  for (let depth = 1; frontier.length && depth < 6; depth++) {
    const next = [];
    for (const [tp, i] of frontier) {
      for (const l of db.records.links) {
        let other = null;
        if (l.from_type === tp && l.from_id === i) other = [l.to_type, l.to_id];
        else if (l.to_type === tp && l.to_id === i) other = [l.from_type, l.from_id];
        if (!other) continue;
        if (!edges.some((e) => e.id === l.id)) edges.push({ id: l.id, from_type: l.from_type, from_id: l.from_id, kind: l.kind, to_type: l.to_type, to_id: l.to_id });
        const k = `${other[0]}:${other[1]}`;
        if (seen.has(k)) continue;
        seen.add(k);
        nodes.push({ type: other[0], id: other[1], title: title(other[0], other[1]), depth });
        next.push(other);
      }
    }
    frontier = next;
  }
  return { nodes, edges };
}

server.listen(+port, host, () => {
  process.stdout.write(`Boucle listening on http://${host}:${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
