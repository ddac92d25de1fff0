// The page behind a survey link (/s/<token>): no login, in the recipient's language, one answer.
// Errors from the server name the entry ("answers.2.value", "questions.7"); they are shown next
// to their question and listed in a summary that takes the focus.
import { h } from '../dom';
import { formatDateTime } from '../format';
import { setLang, t, type Lang } from '../i18n';

interface PublicQuestion {
  id: number;
  position: number;
  kind: 'rating' | 'recommendation' | 'single_choice' | 'multiple_choice' | 'free_text';
  text: string;
  options: string[];
  required: boolean;
}

interface PublicSurvey {
  language: Lang;
  title: string;
  intro: string;
  about: { ticket: number; title: string } | null;
  expires_at: string;
  questions: PublicQuestion[];
}

interface ErrorBody {
  error?: { code: string; message: string; field?: string | null; details?: { field?: string | null; message: string }[] };
}

async function call(method: string, token: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`/api/v1/public/surveys/${encodeURIComponent(token)}`, {
    method,
    headers: { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'fr',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
  });
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    /* an empty or non-JSON body */
  }
  return { status: res.status, json };
}

function notice(root: HTMLElement, text: string, kind: 'success' | 'warning' | 'error', testid: string): void {
  root.replaceChildren(h('main', { class: 'public-survey', id: 'main' },
    h('div', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status', testid }, text)));
}

function goneText(code: string | undefined): string {
  if (code === 'survey.link_used') return t('surveyAlreadyAnswered');
  if (code === 'survey.link_expired' || code === 'survey.closed') return t('surveyExpired');
  return t('surveyUnknown');
}

function scale(q: PublicQuestion, lo: number, hi: number): HTMLElement {
  const choices: HTMLElement[] = [];
  for (let v = lo; v <= hi; v++) {
    const id = `q${q.id}-${v}`;
    choices.push(h('span', { class: 'scale-choice' },
      h('input', { type: 'radio', name: `q${q.id}`, id, value: String(v), required: q.required }),
      h('label', { for: id }, String(v))));
  }
  const ends = q.kind === 'recommendation'
    ? h('div', { class: 'scale-ends', 'aria-hidden': 'true' }, h('span', null, t('surveyNotLikely')), h('span', null, t('surveyVeryLikely')))
    : null;
  return h('div', { class: 'scale' }, choices, ends);
}

function input(q: PublicQuestion): HTMLElement {
  switch (q.kind) {
    case 'rating': return scale(q, 1, 5);
    case 'recommendation': return scale(q, 0, 10);
    case 'single_choice':
    case 'multiple_choice':
      return h('div', { class: 'choices' }, q.options.map((o, i) => {
        const id = `q${q.id}-${i + 1}`;
        return h('div', { class: 'choice' },
          h('input', { type: q.kind === 'single_choice' ? 'radio' : 'checkbox', name: `q${q.id}`, id, value: String(i + 1) }),
          h('label', { for: id }, o));
      }));
    default:
      return h('textarea', { name: `q${q.id}`, id: `q${q.id}-text`, rows: 4, maxlength: 4000, 'aria-labelledby': `q${q.id}-legend` });
  }
}

function valueOf(form: HTMLFormElement, q: PublicQuestion): unknown {
  if (q.kind === 'free_text') return (form.elements.namedItem(`q${q.id}`) as HTMLTextAreaElement).value;
  const checked = Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="q${q.id}"]:checked`)).map((i) => Number(i.value));
  if (q.kind === 'multiple_choice') return checked;
  return checked.length ? checked[0] : null;
}

function renderForm(root: HTMLElement, token: string, survey: PublicSurvey): void {
  setLang(survey.language, false);
  document.title = `${survey.title} · ${t('surveyTitle')}`;
  const summary = h('div', { class: 'alert alert-error', role: 'alert', tabindex: -1, hidden: true, testid: 'survey-errors' });
  const fieldsets = new Map<number, { set: HTMLFieldSetElement; error: HTMLElement }>();
  const form = h('form', { class: 'survey-form', novalidate: true, testid: 'survey-form' },
    summary,
    survey.questions.map((q, i) => {
      const error = h('p', { class: 'field-error', id: `q${q.id}-error`, hidden: true });
      const set = h('fieldset', { class: 'survey-question', testid: `question-${q.position}`, 'aria-describedby': `q${q.id}-error` },
        h('legend', { id: `q${q.id}-legend` }, `${i + 1}. ${q.text}`,
          q.required ? h('span', { class: 'required-mark' }, ` (${t('surveyRequired')})`) : null),
        input(q), error);
      fieldsets.set(q.id, { set, error });
      return set;
    }),
    h('button', { type: 'submit', class: 'btn btn-primary', testid: 'survey-submit' }, t('surveySubmit')));

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const posted = survey.questions.map((q) => ({ question: q.id, value: valueOf(form, q) }))
      .filter((a) => !(a.value === null || a.value === '' || (Array.isArray(a.value) && a.value.length === 0)));
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    call('POST', token, { answers: posted }).then(({ status, json }) => {
      button.disabled = false;
      if (status === 200) {
        notice(root, t('surveyThanks'), 'success', 'survey-thanks');
        return;
      }
      const err = (json as ErrorBody).error;
      if (status === 410 || status === 404) {
        notice(root, goneText(err?.code), 'warning', 'survey-gone');
        return;
      }
      // Show each error next to its question: answers.<index in what was posted> or questions.<id>.
      for (const { set, error } of fieldsets.values()) {
        set.removeAttribute('aria-invalid');
        error.hidden = true;
      }
      const items: HTMLElement[] = [];
      for (const d of err?.details?.length ? err.details : err ? [err] : []) {
        const m = /^answers\.(\d+)/.exec(d.field ?? '') ?? null;
        const qm = /^questions\.(\d+)$/.exec(d.field ?? '') ?? null;
        const qid = m ? posted[Number(m[1])]?.question : qm ? Number(qm[1]) : undefined;
        const target = qid !== undefined ? fieldsets.get(qid) : undefined;
        if (target) {
          target.set.setAttribute('aria-invalid', 'true');
          target.error.textContent = d.message;
          target.error.hidden = false;
        }
        items.push(h('li', null, target ? h('a', { href: `#${target.set.querySelector('input,textarea')?.id ?? ''}` }, d.message) : d.message));
      }
      summary.replaceChildren(h('p', null, t('surveyErrors')), h('ul', null, items));
      summary.hidden = false;
      summary.focus();
    }).catch(() => {
      button.disabled = false;
      summary.replaceChildren(t('surveyUnknown'));
      summary.hidden = false;
    });
  });

  root.replaceChildren(h('main', { class: 'public-survey', id: 'main', lang: survey.language },
    h('h1', null, survey.title),
    survey.about ? h('p', { class: 'record-meta' }, t('surveyAbout', { title: survey.about.title })) : null,
    survey.intro ? h('p', { class: 'survey-intro' }, survey.intro) : null,
    h('p', { class: 'record-meta' }, t('surveyExpires', { date: formatDateTime(survey.expires_at) })),
    form));
}

export function renderPublicSurvey(root: HTMLElement, token: string): void {
  call('GET', token).then(({ status, json }) => {
    if (status === 200) renderForm(root, token, json as PublicSurvey);
    else notice(root, goneText((json as ErrorBody)?.error?.code), status === 410 ? 'warning' : 'error', 'survey-gone');
  }).catch(() => notice(root, t('surveyUnknown'), 'error', 'survey-gone'));
}
