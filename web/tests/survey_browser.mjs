#!/usr/bin/env node
// Survey journey: the real server with a real SMTP server (Debian's aiosmtpd) and Chromium.
// A campaign is launched, the invitation is read from the mailbox, its link opened and answered
// without logging in, the answer is counted in the app's results, and the link then says
// "already answered".
//   node web/tests/survey_browser.mjs --binary build/test/boucle --web web/dist --out build
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const GLOBAL_TIMEOUT_MS = 150_000;
const STEP_TIMEOUT_MS = 20_000;
const CHROMIUM = process.env.BOUCLE_CHROMIUM || '/usr/bin/chromium';
const USER = 'agent.enquetes';
const PASSWORD = 'survey-browser-test';
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const binary = arg('binary');
const webDir = resolve(arg('web', 'web/dist'));
const outDir = resolve(arg('out', '.'));
if (!binary) {
  console.error('usage: survey_browser.mjs --binary PATH --web DIR --out DIR');
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), 'boucle-survey-'));
const children = [];
let step = 'start';
let context = null;
let page = null;
let serverLog = '';
const log = (msg) => console.log(`[survey] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

function run(cmd, args, timeoutMs, input = '') {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(input);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); rej(new Error(`${cmd} timed out`)); }, timeoutMs);
    child.on('exit', (code) => { clearTimeout(timer); code === 0 ? res(out) : rej(new Error(`${cmd} ${args.join(' ')}: ${code}\n${out}`)); });
  });
}

async function startSmtp(maildir) {
  const port = await freePort();
  const smtp = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
    { stdio: 'ignore' });
  children.push(smtp);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await new Promise((res) => {
      const sock = new Socket();
      sock.once('connect', () => { sock.destroy(); res(true); });
      sock.once('error', () => res(false));
      sock.connect(port, '127.0.0.1');
    });
    if (ok) return `smtp://127.0.0.1:${port}`;
    if (Date.now() > deadline) throw new Error('aiosmtpd did not start (is python3-aiosmtpd installed?)');
    await sleep(100);
  }
}

function startServer(db, smtpUrl) {
  return new Promise((res, rej) => {
    const server = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', webDir, '--smtp', smtpUrl],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(server);
    let buf = '';
    const timer = setTimeout(() => rej(new Error('the server did not start within 20 s')), 20_000);
    server.stdout.on('data', (d) => {
      buf += d;
      serverLog = (serverLog + d).slice(-6000);
      const m = /Boucle listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) { clearTimeout(timer); res(m[1]); }
    });
    server.stderr.on('data', (d) => { serverLog = (serverLog + d).slice(-6000); });
  });
}

/** A logged-in API client (session cookie + CSRF), as the web app itself uses the API. */
async function login(base, user) {
  const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: user, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${user}: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${base}/api/v1${path}`, { method, headers: { Cookie: cookie, 'X-CSRF-Token': csrf,
      'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await r.json().catch(() => null);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** The decoded text part of each message in the maildir. */
function mailTexts(maildir) {
  const out = [];
  for (const sub of ['new', 'cur']) {
    const dir = join(maildir, sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      const raw = readFileSync(join(dir, f), 'utf8').replace(/\r\n/g, '\n');
      const part = raw.indexOf('Content-Type: text/plain');
      const start = raw.indexOf('\n\n', part) + 2;
      const end = raw.indexOf('\n--', start);
      out.push(Buffer.from(raw.slice(start, end < 0 ? undefined : end).replace(/\s+/g, ''), 'base64').toString('utf8'));
    }
  }
  return out;
}

async function cleanup() {
  if (context) await context.close().catch(() => {});
  for (const c of children.reverse()) if (c.exitCode === null) c.kill('SIGTERM');
  await sleep(200);
  rmSync(tmp, { recursive: true, force: true });
}

async function fail(err) {
  console.error(`[survey] FAILED at step "${step}": ${err?.stack ?? err}`);
  if (page) {
    mkdirSync(join(outDir, 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(outDir, 'screenshots', 'survey-failure.png'), fullPage: true }).catch(() => {});
  }
  if (serverLog) console.error(`[survey] server output (tail):\n${serverLog.slice(-3000)}`);
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const globalTimer = setTimeout(() => { void fail(new Error('global timeout')); }, GLOBAL_TIMEOUT_MS);
process.on('unhandledRejection', (e) => { void fail(e); });

async function main() {
  step = 'check inputs';
  if (!existsSync(binary)) throw new Error(`no server binary at ${binary}`);
  if (!existsSync(join(webDir, 'index.html'))) throw new Error(`no built web app at ${webDir}`);
  const { chromium } = await import('playwright-core');

  step = 'start the SMTP server and Boucle';
  const maildir = join(tmp, 'maildir');
  const smtpUrl = await startSmtp(maildir);
  const db = join(tmp, 'b.db');
  await run(binary, ['user', 'add', '--db', db, '--login', USER, '--role', 'agent', '--name', 'Agent Enquêtes',
    '--password-stdin'], 60_000, `${PASSWORD}\n`);
  const base = await startServer(db, smtpUrl);
  log(`server at ${base}, mail to ${smtpUrl}`);

  step = 'prepare and launch a campaign through the API';
  const call = await login(base, USER);
  const who = await call('POST', '/stakeholders', { name: 'Camille Navigateur', stakeholder_group: 'end_user',
    email: 'camille.navigateur@example.org', preferred_language: 'en' });
  const survey = await call('POST', '/surveys', { title: 'Browser survey', intro_en: 'Two quick questions.', status: 'active' });
  await call('POST', '/survey_questions', { survey: survey.id, position: 1, kind: 'rating', text_fr: 'Votre note', text_en: 'Your rating' });
  await call('POST', '/survey_questions', { survey: survey.id, position: 2, kind: 'free_text', text_fr: 'Un mot ?',
    text_en: 'Anything to add?', required: false });
  const campaign = await call('POST', '/survey_campaigns', { title: 'Browser campaign', survey: survey.id, stakeholders: [who.id] });
  const launched = await call('POST', `/survey_campaigns/${campaign.id}/actions/launch`, {});
  if (launched.invited !== 1) throw new Error(`expected one invitation, got ${JSON.stringify(launched)}`);

  step = 'read the invitation from the mailbox';
  let link = '';
  for (const deadline = Date.now() + 30_000; !link && Date.now() < deadline; await sleep(200))
    for (const text of mailTexts(maildir)) link = /http:\/\/\S+\/s\/[A-Za-z0-9_-]{43}/.exec(text)?.[0] ?? link;
  if (!link) throw new Error('no invitation arrived');
  if (!link.startsWith(`${base}/s/`)) throw new Error(`the link ${link} does not point to this server`);

  step = 'launch Chromium';
  const profile = join(tmp, 'profile');
  mkdirSync(profile, { recursive: true });
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, timeout: 30_000, viewport: { width: 1200, height: 900 }, locale: 'fr-FR',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  page = context.pages()[0] ?? (await context.newPage());
  const byTestId = (id) => page.locator(`[data-testid="${id}"]`);

  step = 'open the link: the survey in the recipient\'s language, no login';
  await page.goto(link);
  await byTestId('survey-form').waitFor();
  if (!(await page.locator('h1').textContent()).includes('Browser survey')) throw new Error('wrong title');
  if (!(await byTestId('question-1').textContent()).includes('Your rating')) throw new Error('not in English');

  step = 'submitting without the required answer shows the error next to the question';
  const refused = page.waitForResponse((r) => r.url().includes('/api/v1/public/surveys/') && r.request().method() === 'POST');
  await byTestId('survey-submit').click();
  const answer = await refused;
  await byTestId('survey-errors').waitFor();
  const marked = await page.waitForFunction(
    () => document.querySelector('[data-testid="question-1"]')?.getAttribute('aria-invalid') === 'true', null, { timeout: 5_000 })
    .then(() => true, () => false);
  if (!marked)
    throw new Error(`question 1 not marked invalid; the server answered ${answer.status()} ${await answer.text()}; ` +
      `the page says: ${await byTestId('survey-errors').textContent()}`);

  step = 'answer';
  await page.locator('[data-testid="question-1"] label', { hasText: '4' }).click();
  await page.locator('[data-testid="question-2"] textarea').fill('Works well from the train.');
  await byTestId('survey-submit').click();
  await byTestId('survey-thanks').waitFor();
  mkdirSync(join(outDir, 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(outDir, 'screenshots', 'survey-thanks.png') });

  step = 'see the answer counted in the app';
  await page.goto(`${base}/`);
  await byTestId('login-form').waitFor();
  await byTestId('login-login').fill(USER);
  await byTestId('login-password').fill(PASSWORD);
  await byTestId('login-submit').click();
  await byTestId('dashboard').waitFor();
  // From the campaign's page, its results: the link carries the campaign as the report's filter.
  await page.goto(`${base}/#/survey_campaigns/${campaign.id}`);
  await byTestId('report-link-survey_results').click();
  await page.waitForFunction((id) => location.hash.includes(`campaign=${id}`), campaign.id);
  await page.waitForFunction((id) => document.querySelector('[data-testid="report-param-campaign"]')?.value === String(id),
    campaign.id);
  await byTestId('report-table').waitFor();
  await page.waitForFunction(() => /Réponses : 1\b/.test(document.querySelector('[data-testid="report-summary"]')?.textContent ?? ''));
  await page.locator('[data-testid="survey-charts"] canvas').first().waitFor();
  await page.screenshot({ path: join(outDir, 'screenshots', 'survey-results.png'), fullPage: true });

  step = 'opening the link again says it was already answered';
  await page.goto(link);
  await byTestId('survey-gone').waitFor();
  const text = await byTestId('survey-gone').textContent();
  if (!/déjà répondu|already answered/.test(text)) throw new Error(`unexpected text: ${text}`);

  clearTimeout(globalTimer);
  await cleanup();
  console.log('1 passed, 0 failed');
}

main().catch((e) => fail(e));
