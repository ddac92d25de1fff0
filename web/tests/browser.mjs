#!/usr/bin/env node
// Browser journey: the real server, the built web app and Debian's Chromium (through playwright-core).
//   node web/tests/browser.mjs --binary build/test/boucle --web web/dist --out build
// Prints `1 passed, 0 failed` and exits 0, or `0 passed, 1 failed` with the failed step and exits 1.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const GLOBAL_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 20_000;
const CHROMIUM = process.env.BOUCLE_CHROMIUM || '/usr/bin/chromium';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const binary = arg('binary');
const webDir = resolve(arg('web', 'web/dist'));
const outDir = resolve(arg('out', '.'));
if (!binary) {
  console.error('usage: browser.mjs --binary PATH --web DIR --out DIR');
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), 'boucle-browser-'));
const shotDir = join(outDir, 'screenshots');
let step = 'start';
let server = null;
let serverLog = '';
let context = null;
let page = null;
let finished = false;
const pageErrors = [];

const log = (msg) => console.log(`[browser] ${msg}`);

/** Runs a child process to completion within a time limit. */
function run(cmd, args, timeoutMs) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${cmd} ${args[0]} timed out`)); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolveRun(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
}

/** Starts `boucle serve` and resolves with its base URL once it printed its listening line. */
function startServer(db) {
  return new Promise((resolveStart, reject) => {
    server = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', webDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    const timer = setTimeout(() => reject(new Error('the server did not print its listening line within 20 s')), 20_000);
    server.stdout.on('data', (d) => {
      const s = d.toString();
      serverLog = (serverLog + s).slice(-8000);
      buf += s;
      const m = /Boucle listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) { clearTimeout(timer); resolveStart(m[1]); }
    });
    server.stderr.on('data', (d) => { serverLog = (serverLog + d.toString()).slice(-8000); });
    server.on('error', (e) => { clearTimeout(timer); reject(e); });
    server.on('exit', (code, sig) => { clearTimeout(timer); reject(new Error(`the server exited early (${code ?? sig})`)); });
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]);
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const s = server;
  const exited = new Promise((r) => s.once('exit', r));
  s.removeAllListeners('error');
  s.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
  if (!done) s.kill('SIGKILL');
}

async function cleanup() {
  if (context) {
    const c = context;
    context = null;
    await withTimeout(c.close(), 10_000, 'closing the browser').catch((e) => log(`browser close: ${e.message}`));
  }
  await stopServer().catch(() => {});
  try {
    rmSync(tmp, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
}

async function fail(err) {
  if (finished) return;
  finished = true;
  console.error(`[browser] FAILED at step "${step}": ${err?.stack ?? err}`);
  if (page) {
    try {
      mkdirSync(shotDir, { recursive: true });
      await withTimeout(page.screenshot({ path: join(shotDir, 'failure.png'), fullPage: true }), 5000, 'failure screenshot');
      console.error(`[browser] screenshot of the failure: ${join(shotDir, 'failure.png')}`);
      console.error(`[browser] page URL: ${page.url()}`);
    } catch {
      /* ignore */
    }
  }
  if (pageErrors.length) console.error(`[browser] page errors:\n  ${pageErrors.slice(-10).join('\n  ')}`);
  if (serverLog) console.error(`[browser] server output (tail):\n${serverLog.slice(-3000)}`);
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const globalTimer = setTimeout(() => { void fail(new Error(`global timeout of ${GLOBAL_TIMEOUT_MS / 1000} s`)); }, GLOBAL_TIMEOUT_MS);
process.on('SIGINT', () => { void fail(new Error('interrupted')); });
process.on('SIGTERM', () => { void fail(new Error('terminated')); });
process.on('unhandledRejection', (e) => { void fail(e); });

async function main() {
  step = 'check inputs';
  if (!existsSync(binary)) throw new Error(`no server binary at ${binary}`);
  if (!existsSync(join(webDir, 'index.html'))) throw new Error(`no built web app at ${webDir} (run: cd web && npm run build)`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const { chromium } = await import('playwright-core');

  step = 'load the demonstration data';
  const db = join(tmp, 'b.db');
  await run(binary, ['demo', '--db', db], 60_000);

  step = 'start the server';
  const base = await startServer(db);
  log(`server at ${base}`);

  step = 'launch Chromium';
  const profile = join(tmp, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    viewport: { width: 1366, height: 900 },
    locale: 'fr-FR',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => { void d.accept(); });
  const byTestId = (id) => page.locator(`[data-testid="${id}"]`);

  step = 'open the login page';
  await page.goto(`${base}/`);
  await byTestId('login-form').waitFor();
  if ((await byTestId('lang-fr').getAttribute('aria-pressed')) !== 'true') throw new Error('French is not the default language');

  step = 'show the API error on a wrong password';
  await byTestId('login-login').fill('agent.martin');
  await byTestId('login-password').fill('wrong-password');
  await byTestId('login-submit').click();
  await page.locator('[data-testid="login-form"] .alert-error').waitFor();

  step = 'log in as agent.martin';
  await byTestId('login-login').fill('agent.martin');
  await byTestId('login-password').fill('boucle-demo');
  await byTestId('login-submit').click();

  step = 'see the dashboard';
  await byTestId('dashboard').waitFor();
  await byTestId('current-user').waitFor();
  await page.locator('[data-testid="dash-priority"] canvas').waitFor();
  await page.locator('[data-testid="dash-phase"] canvas, [data-testid="dash-phase"] .muted').first().waitFor();
  await page.locator('[data-testid="dash-sla"] li, [data-testid="dash-sla"] .muted').first().waitFor();
  await page.locator('[data-testid="dash-feedback"] li, [data-testid="dash-feedback"] .muted').first().waitFor();
  await page.waitForTimeout(300);
  mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: join(shotDir, 'dashboard.png'), fullPage: true });

  step = 'open the tickets list';
  await byTestId('nav-tickets').click();
  await page.locator('[data-testid="list-table"] tbody tr').first().waitFor();

  step = 'create a ticket';
  const title = `Test navigateur ${Date.now().toString(36)}`;
  await byTestId('new-button').click();
  await byTestId('form-field-title').waitFor();
  await byTestId('form-field-title').fill(title);
  const serviceOptions = byTestId('form-field-service').locator('option:not([value=""])');
  if ((await serviceOptions.count()) === 0) throw new Error('the service select has no options');
  const serviceName = (await serviceOptions.first().textContent()).trim();
  await byTestId('form-field-service').selectOption({ value: await serviceOptions.first().getAttribute('value') });
  await byTestId('form-field-impact').selectOption('high');
  await byTestId('form-field-urgency').selectOption('high');
  await byTestId('form-field-description').fill('Créé par le test navigateur.\n<script>alert(1)</script> reste du texte.');
  await byTestId('form-submit').click();
  await page.waitForURL(/#\/tickets\/\d+$/);
  await byTestId('detail-field-title').filter({ hasText: title }).waitFor();
  await byTestId('detail-field-service').filter({ hasText: serviceName }).waitFor();
  const prio = (await byTestId('detail-field-priority').textContent()).trim();
  if (prio !== 'Critique') throw new Error(`expected priority "Critique", got "${prio}"`);
  if ((await byTestId('detail-field-description').locator('script').count()) !== 0) throw new Error('markdown text was inserted as HTML');
  const ticketId = /#\/tickets\/(\d+)$/.exec(page.url())[1];
  log(`created ticket #${ticketId}`);

  step = 'find the ticket with the search box';
  await byTestId('nav-tickets').click();
  await byTestId('search-input').fill(title);
  await byTestId('search-input').press('Enter');
  const row = page.locator('[data-testid="list-table"] tbody tr', { hasText: title });
  await row.first().waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="list-table"] tbody tr').length === n, 1);

  step = 'export the filtered list as CSV';
  const csvHref = await byTestId('export-csv').getAttribute('href');
  if (!csvHref.includes('format=csv') || !csvHref.includes('q=')) throw new Error(`the CSV link lost the search: ${csvHref}`);
  const csv = await page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    return { status: r.status, type: r.headers.get('content-type'), bytes: Array.from(new Uint8Array(await r.clone().arrayBuffer()).slice(0, 3)), text: await r.text() };
  }, csvHref);
  if (csv.status !== 200 || !csv.type.startsWith('text/csv')) throw new Error(`CSV export answered ${csv.status} ${csv.type}`);
  if (csv.bytes.join(',') !== '239,187,191') throw new Error('the CSV has no UTF-8 byte order mark');
  if (csv.text.trim().split('\r\n').length !== 2 || !csv.text.includes(title)) throw new Error('the CSV is not the one filtered ticket');

  step = 'open the ticket from the list';
  await row.first().locator('a.row-link', { hasText: title }).click();
  await page.waitForURL(new RegExp(`#/tickets/${ticketId}$`));
  await byTestId('detail-field-status').filter({ hasText: 'Nouveau' }).waitFor();

  step = 'edit the ticket';
  const newTitle = `${title} modifié`;
  await byTestId('edit-button').click();
  await byTestId('form-field-status').waitFor();
  await byTestId('form-field-status').selectOption('in_progress');
  await byTestId('form-field-title').fill(newTitle);
  await byTestId('form-submit').click();
  await page.waitForURL(new RegExp(`#/tickets/${ticketId}$`));
  await byTestId('detail-field-status').filter({ hasText: 'En cours' }).waitFor();
  await byTestId('detail-field-title').filter({ hasText: newTitle }).waitFor();

  step = 'see the change in the history';
  await byTestId('history-button').click();
  await page.locator('[data-testid="history-table"] tbody tr', { hasText: 'Statut' }).first().waitFor();
  await page.goBack();
  await byTestId('detail-field-status').waitFor();

  step = 'switch to English';
  await byTestId('lang-en').click();
  await page.locator('dt', { hasText: /^Status$/ }).waitFor();
  await byTestId('detail-field-status').filter({ hasText: 'In progress' }).waitFor();
  await byTestId('nav-feedback').filter({ hasText: 'Feedback' }).waitFor();
  if ((await page.getByText('Statut', { exact: true }).count()) !== 0) throw new Error('the French label "Statut" is still shown');
  if ((await page.getByText('Retours', { exact: true }).count()) !== 0) throw new Error('the French label "Retours" is still shown');
  const stored = await page.evaluate(() => localStorage.getItem('boucle.lang'));
  if (stored !== 'en') throw new Error(`the language was not remembered (localStorage: ${stored})`);
  await page.screenshot({ path: join(shotDir, 'journey.png'), fullPage: true });

  step = 'keep the language after a reload';
  await page.reload();
  await page.locator('dt', { hasText: /^Status$/ }).waitFor();

  // Engage: a stakeholder's demand is routed by the desk, and its submitter sees where it went.
  const loginAs = async (who) => {
    await byTestId('logout').click();
    await byTestId('login-form').waitFor();
    await byTestId('lang-fr').click();
    await byTestId('login-login').fill(who);
    await byTestId('login-password').fill('boucle-demo');
    await byTestId('login-submit').click();
    await byTestId('current-user').waitFor();
  };

  step = 'an end user submits a demand';
  await loginAs('user.durand');
  await byTestId('nav-demands').click();
  await byTestId('new-button').click();
  const demandTitle = `Idée du test navigateur ${Date.now().toString(36)}`;
  await byTestId('form-field-kind').selectOption('idea');
  await byTestId('form-field-title').fill(demandTitle);
  const demandService = byTestId('form-field-service').locator('option:not([value=""])');
  await byTestId('form-field-service').selectOption({ value: await demandService.first().getAttribute('value') });
  if ((await byTestId('form-field-status').count()) !== 0 && !(await byTestId('form-field-status').isDisabled()))
    throw new Error('an end user may not set the status of a demand');
  await byTestId('form-submit').click();
  await page.waitForURL(/#\/demands\/\d+$/);
  await byTestId('detail-field-status').filter({ hasText: 'Soumise' }).waitFor();
  const demandId = /#\/demands\/(\d+)$/.exec(page.url())[1];
  if ((await byTestId('action-route').count()) !== 0) throw new Error('an end user must not see the routing action');

  step = 'an agent routes the demand to Improve';
  await loginAs('agent.martin');
  await page.goto(`${base}/#/demands/${demandId}`);
  await byTestId('action-route').click();
  await page.waitForURL(/#\/improvements\/\d+$/);
  await byTestId('detail-field-title').filter({ hasText: demandTitle }).waitFor();

  step = 'the end user is notified under the bell and opens what the demand became';
  await loginAs('user.durand');
  await byTestId('bell-count').waitFor();  // shown once the unread count is known and not zero
  await byTestId('bell').click();
  const notice = byTestId('bell-panel').locator('a.bell-link', { hasText: demandTitle });
  await notice.waitFor();
  await page.screenshot({ path: join(shotDir, 'notifications.png'), fullPage: true });
  await notice.click();
  await page.waitForURL(new RegExp(`#/demands/${demandId}$`));
  await byTestId('detail-field-status').filter({ hasText: 'Orientée' }).waitFor();
  await byTestId('detail-field-destination').filter({ hasText: 'Améliorer' }).waitFor();
  await page.screenshot({ path: join(shotDir, 'demand.png'), fullPage: true });

  step = 'relationship health for a team lead';
  await loginAs('cio');
  await byTestId('nav-report-relationship_health').click();
  await page.locator('[data-testid="report-table"] tbody tr').first().waitFor();
  await page.screenshot({ path: join(shotDir, 'relationship-health.png'), fullPage: true });

  step = 'the PDCA board moves the routed idea from Plan to Do';
  await byTestId('nav-pdca').click();
  for (const phase of ['plan', 'do', 'check', 'act', 'done']) await byTestId(`pdca-column-${phase}`).waitFor();
  const planned = page.locator('[data-testid="pdca-column-plan"] li', { hasText: demandTitle });
  await planned.waitFor();
  await planned.locator('button').click();
  await page.locator('[data-testid="pdca-column-do"] li', { hasText: demandTitle }).waitFor();
  step = 'measure the effect of a finished improvement on its indicator';
  const vpnCard = page.locator('[data-testid="pdca-column-done"] li', { hasText: 'incidents VPN' });
  // The demo already measured it: the card shows the recorded effect before anyone clicks.
  await vpnCard.locator('.check-result', { hasText: '→' }).waitFor();
  await vpnCard.locator('input[type="date"]').fill('2026-01-01');
  const measured = page.waitForResponse((r) => r.url().includes('/actions/measure_effect'));
  await vpnCard.locator('button', { hasText: 'Mesurer' }).click();
  const effect = await measured;
  if (effect.status() !== 200) throw new Error(`measure_effect answered ${effect.status()}: ${await effect.text()}`);
  const effectBody = await effect.json();
  if (effectBody.improvement.effect_change_at !== '2026-01-01T00:00:00Z') throw new Error('the effect was not recorded on the improvement');
  await vpnCard.locator('.check-result', { hasText: '→' }).waitFor();
  await page.screenshot({ path: join(shotDir, 'pdca-board.png'), fullPage: true });

  step = 'the trace from the improvement shows where each step stands and the measured effect';
  await page.goto(`${base}/#/improvements/${effectBody.improvement.id}/trace`);
  await byTestId(`trace-fact-improvements-${effectBody.improvement.id}-effect_verdict`).waitFor();
  await page.locator('[data-testid^="trace-node-feedback-"]').first().waitFor();

  step = 'the KPI screen: a chart by service, and the records behind it';
  await page.goto(`${base}/#/kpis`);
  await byTestId('kpi-grid').waitFor();
  await byTestId('kpi-sla_compliance').click();
  await byTestId('kpi-chart').waitFor();
  await byTestId('kpi-group').selectOption('service');
  await byTestId('kpi-groups').waitFor();
  await page.screenshot({ path: join(shotDir, 'kpi-sla.png'), fullPage: true });
  await byTestId('kpi-records').click();
  await page.locator('[data-testid="list-table"] tbody tr').first().waitFor();

  step = 'the monthly review pack of a service';
  await byTestId('nav-review').click();
  await byTestId('review-service').locator('option', { hasText: 'VPN' }).waitFor({ state: 'attached' });
  await byTestId('review-service').selectOption({ label: 'VPN' });
  await byTestId('review-created').waitFor();
  const created = Number((await byTestId('review-created').locator('.review-value').textContent()).trim());
  if (!(created > 0)) throw new Error(`the review shows no VPN tickets last month (${created})`);
  await byTestId('review-improvements').waitFor();
  await page.screenshot({ path: join(shotDir, 'review-pack.png'), fullPage: true });

  if (pageErrors.some((e) => e.startsWith('pageerror'))) throw new Error(`uncaught errors in the page:\n${pageErrors.join('\n')}`);
  step = 'power / interest grid drawn from the report description';
  await byTestId('nav-report-power_interest').click();
  await page.locator('[data-testid="report-table"] tbody tr').first().waitFor();
  await page.locator('[data-testid="report-chart"] canvas').waitFor();
  const everyone = await page.locator('[data-testid="report-table"] tbody tr').count();
  await byTestId('report-param-stakeholder_group').selectOption('sponsor');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="report-table"] tbody tr').length < n, everyone);
  const gridCsv = await byTestId('export-csv').getAttribute('href');
  if (!gridCsv.includes('stakeholder_group=sponsor')) throw new Error(`the report CSV link lost the filter: ${gridCsv}`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shotDir, 'power-interest.png'), fullPage: true });

  step = 'done';
}

main().then(async () => {
  if (finished) return;
  finished = true;
  clearTimeout(globalTimer);
  await cleanup();
  log(`screenshots in ${shotDir}`);
  console.log('1 passed, 0 failed');
  process.exit(0);
}, (e) => fail(e));
