import type { AuditEntryView, EscalationComplaint, EscalationSummary, EscalationSurveyAnswer } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { type ConsoleLocale, type ConsoleMessages, consoleLocales, consoleMessages, format } from '../view/console-messages.ts';
import { dueText } from '../view/due-text.ts';
import { queueOverview } from '../view/queue-overview.ts';
import { surveyAnswerFacts } from '../view/survey-answer-facts.ts';
import { type ApiAnswer, callApi, claimsOf, cognitoSignIn, fetchLocalUsers } from './console-api.ts';
import { el } from './dom.ts';

type Detail = EscalationSummary & { tier?: string; region?: string; guaranteed?: boolean; claimedBy?: string; resolution?: string; acknowledgedAt?: string };
type ErrorBody = { error?: { code?: string; message?: string; holder?: string } };
type Action = 'claim' | 'ack' | 'notes' | 'reassign' | 'resolve';
/** `GET /escalations/{id}`: a complaint's escalation carries its complaint, a survey escalation its answer. */
type DetailAnswer = { escalation: Detail; complaint?: EscalationComplaint; surveyAnswer?: EscalationSurveyAnswer; history: AuditEntryView[] };

const POLL_MS = 10_000;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const STATUSES = ['open', 'claimed', 'acknowledged', 'resolved'] as const;
// The token lives for this tab only: sessionStorage, never a URL or a cookie another tab could send.
const TOKEN_KEY = 'console.token';
const LOCALE_KEY = 'console.locale';

const state = {
  locale: pickLocale(),
  token: sessionStorage.getItem(TOKEN_KEY) ?? undefined,
  filters: { status: '', severity: '', team: '', assignee: '', sort: 'newest' },
  escalations: [] as EscalationSummary[],
  updatedAt: undefined as Date | undefined,
  selected: undefined as string | undefined,
  detail: undefined as DetailAnswer | undefined,
  message: undefined as { kind: 'status' | 'alert'; text: string } | undefined,
};
let pollTimer: ReturnType<typeof setInterval> | undefined;

function pickLocale(): ConsoleLocale {
  const chosen = sessionStorage.getItem(LOCALE_KEY);
  if (chosen === 'en' || chosen === 'ja') return chosen;
  // The browser's first language decides until the supervisor picks one with the switch.
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

const t = (): ConsoleMessages => consoleMessages[state.locale];
const root = () => document.getElementById('console')!;
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;

function render(): void {
  document.documentElement.lang = state.locale;
  document.title = t().title;
  const header = el(
    'header',
    { class: 'bar' },
    el('h1', {}, t().title),
    languageSwitch(),
    state.token ? el('span', { class: 'who' }, format(t().signedInAs, { name: claimsOf(state.token).name ?? claimsOf(state.token).sub ?? '' })) : undefined,
    state.token ? button(t().signOut, signOut, { id: 'sign-out', class: 'secondary' }) : undefined,
  );
  const live = el(
    'div',
    { id: 'message', role: state.message?.kind ?? 'status', 'aria-live': 'polite', class: state.message ? `message ${state.message.kind}` : 'message' },
    state.message?.text,
  );
  root().replaceChildren(header, live, state.token ? consoleView() : el('main', { id: 'sign-in' }));
  if (!state.token) void renderSignIn();
}

function languageSwitch(): HTMLElement {
  const select = el(
    'select',
    { id: 'language' },
    ...consoleLocales.map((locale) => el('option', { value: locale, selected: locale === state.locale }, locale === 'ja' ? '日本語' : 'English')),
  );
  select.addEventListener('change', () => {
    state.locale = select.value === 'ja' ? 'ja' : 'en';
    sessionStorage.setItem(LOCALE_KEY, state.locale);
    render();
    if (state.token) {
      renderQueue();
      renderDetail(false);
    }
    byId('language')?.focus();
  });
  return el('label', { class: 'language' }, `${t().language} `, select);
}

function button(text: string, onClick: () => void, attributes: Record<string, string> = {}): HTMLButtonElement {
  const element = el('button', { type: 'button', ...attributes }, text);
  element.addEventListener('click', onClick);
  return element;
}

function say(kind: 'status' | 'alert', text: string): void {
  state.message = { kind, text };
  const live = byId('message');
  if (live) {
    live.setAttribute('role', kind);
    live.className = `message ${kind}`;
    live.textContent = text;
  }
}

async function renderSignIn(): Promise<void> {
  const main = byId('sign-in');
  if (!main) return;
  const users = await fetchLocalUsers();
  if (users !== undefined) {
    main.replaceChildren(
      el('h2', {}, t().signInHeading),
      el('p', {}, t().localUsersIntro),
      el(
        'ul',
        { class: 'users' },
        ...users.map((user) =>
          el(
            'li',
            {},
            button(format(t().signInAs, { name: user.name, title: user.title, team: user.team ? `, ${user.team}` : '' }), () => signIn(user.token), {
              'data-user': user.userId,
            }),
          ),
        ),
      ),
    );
    return;
  }
  const region = document.body.dataset['cognitoRegion'];
  const clientId = document.body.dataset['cognitoClientId'];
  if (!region || !clientId) {
    main.replaceChildren(el('h2', {}, t().signInHeading), el('p', { role: 'alert' }, t().signInUnavailable));
    return;
  }
  const form = el(
    'form',
    { class: 'sign-in' },
    el('label', { for: 'email' }, t().email),
    el('input', { id: 'email', type: 'email', autocomplete: 'username', required: true }),
    el('label', { for: 'password' }, t().password),
    el('input', { id: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    el('button', { type: 'submit' }, t().signIn),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = await cognitoSignIn(region, clientId, byId<HTMLInputElement>('email')!.value, byId<HTMLInputElement>('password')!.value);
    if (token === undefined) say('alert', t().signInFailed);
    else signIn(token);
  });
  main.replaceChildren(el('h2', {}, t().signInHeading), form);
}

function signIn(token: string): void {
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  state.message = undefined;
  render();
  // A link to one escalation (`/console#escalation=<id>`, as in the notification email) opens it.
  const linked = /^#escalation=([\w-]{1,128})$/.exec(location.hash)?.[1];
  if (linked) state.selected = linked;
  void refresh().then(() => (linked && !state.detail ? loadDetail(linked, true) : undefined));
  pollTimer ??= setInterval(() => void refresh(), POLL_MS);
}

function signOut(): void {
  state.token = undefined;
  state.escalations = [];
  state.detail = undefined;
  state.selected = undefined;
  sessionStorage.removeItem(TOKEN_KEY);
  if (pollTimer !== undefined) clearInterval(pollTimer);
  pollTimer = undefined;
  render();
}

function consoleView(): HTMLElement {
  return el(
    'main',
    { id: 'workspace' },
    el('section', { id: 'overview', 'aria-labelledby': 'overview-heading' }, el('h2', { id: 'overview-heading' }, t().overview)),
    filtersForm(),
    el('section', { id: 'queue', 'aria-labelledby': 'queue-heading' }, el('h2', { id: 'queue-heading' }, t().queue)),
    el('section', { id: 'detail', 'aria-live': 'polite' }),
  );
}

function select(id: string, label: string, options: readonly [string, string][], value: string): HTMLElement {
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id }, label),
    el('select', { id, name: id }, ...options.map(([optionValue, text]) => el('option', { value: optionValue, selected: optionValue === value }, text))),
  );
}

function filtersForm(): HTMLElement {
  const m = t();
  const form = el(
    'form',
    { id: 'filters', 'aria-label': m.filters, class: 'filters' },
    select(
      'filter-status',
      m.status,
      [['', m.unresolved], ...STATUSES.map((status): [string, string] => [status, m[`status_${status}`]])],
      state.filters.status,
    ),
    select(
      'filter-severity',
      m.severity,
      [['', m.any], ...SEVERITIES.map((severity): [string, string] => [severity, m[`severity_${severity}`]])],
      state.filters.severity,
    ),
    el('div', { class: 'field' }, el('label', { for: 'filter-team' }, m.team), el('input', { id: 'filter-team', value: state.filters.team, maxlength: '64' })),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'filter-assignee' }, m.assignee),
      el('input', { id: 'filter-assignee', value: state.filters.assignee, maxlength: '128' }),
    ),
    select(
      'filter-sort',
      m.sort,
      [
        ['newest', m.sortNewest],
        ['overdue', m.sortOverdue],
      ],
      state.filters.sort,
    ),
    el('button', { type: 'submit' }, m.apply),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.filters = {
      status: byId<HTMLSelectElement>('filter-status')!.value,
      severity: byId<HTMLSelectElement>('filter-severity')!.value,
      team: byId<HTMLInputElement>('filter-team')!.value.trim(),
      assignee: byId<HTMLInputElement>('filter-assignee')!.value.trim(),
      sort: byId<HTMLSelectElement>('filter-sort')!.value,
    };
    void refresh();
  });
  for (const control of form.querySelectorAll('select')) control.addEventListener('change', () => form.requestSubmit());
  return form;
}

/** Whether the answer ended the session (401): then the console signs out and says so. */
function sessionEnded(answer: ApiAnswer): boolean {
  if (answer.status !== 401) return false;
  signOut();
  say('alert', t().sessionExpired);
  return true;
}

async function refresh(): Promise<void> {
  if (!state.token) return;
  const query = new URLSearchParams({ sort: state.filters.sort, limit: '100' });
  for (const name of ['status', 'severity', 'team', 'assignee'] as const) if (state.filters[name]) query.set(name, state.filters[name]);
  const escalations: EscalationSummary[] = [];
  // A few pages at most: a queue longer than that needs filters, not scrolling.
  for (let page = 0; page < 5; page += 1) {
    const answer = await callApi<{ escalations: EscalationSummary[]; cursor?: string } & ErrorBody>(state.token, 'GET', `/escalations?${query}`).catch(
      () => undefined,
    );
    if (answer === undefined) return say('alert', t().failed);
    if (sessionEnded(answer)) return;
    if (answer.status !== 200) return say('alert', answer.status === 403 ? t().forbidden : t().failed);
    escalations.push(...answer.body.escalations);
    if (!answer.body.cursor) break;
    query.set('cursor', answer.body.cursor);
  }
  state.escalations = escalations;
  state.updatedAt = new Date();
  renderQueue();
  if (state.selected) await loadDetail(state.selected, false);
}

function renderQueue(): void {
  const m = t();
  const now = new Date();
  const overview = queueOverview(state.escalations, now);
  const teams = Object.keys(overview.openByTeam).sort();
  byId('overview')?.replaceChildren(
    el('h2', { id: 'overview-heading' }, m.overview),
    el(
      'dl',
      { class: 'counts' },
      el('div', {}, el('dt', {}, m.overdue), el('dd', { id: 'overdue-count' }, overview.overdue)),
      el('div', {}, el('dt', {}, m.breachesThisWeek), el('dd', { id: 'breach-count' }, overview.breachesThisWeek)),
    ),
    el(
      'div',
      { class: 'scroll' },
      el(
        'table',
        { class: 'overview' },
        el('caption', {}, m.openByTeam),
        el(
          'thead',
          {},
          el('tr', {}, el('th', { scope: 'col' }, m.team), ...SEVERITIES.map((severity) => el('th', { scope: 'col' }, m[`severity_${severity}`]))),
        ),
        el(
          'tbody',
          {},
          ...teams.map((team) =>
            el('tr', {}, el('th', { scope: 'row' }, team), ...SEVERITIES.map((severity) => el('td', {}, overview.openByTeam[team]?.[severity] ?? 0))),
          ),
        ),
      ),
    ),
  );
  const rows = state.escalations.map((escalation) => {
    const ack = dueText(escalation.ackDueAt, now, state.locale, m, { done: escalation.status === 'acknowledged' || escalation.status === 'resolved' });
    const resolve = dueText(escalation.resolveDueAt, now, state.locale, m, { done: escalation.status === 'resolved' });
    const open = button(escalation.reference, () => void loadDetail(escalation.id, true), { class: 'link', 'data-id': escalation.id });
    return el(
      'tr',
      { class: escalation.id === state.selected ? 'selected' : undefined },
      el('th', { scope: 'row' }, open),
      // A word, not a colour: a screen reader announces it under the Kind column's heading.
      el('td', {}, el('span', { class: `kind ${escalation.source}` }, m[`kind_${escalation.source}`])),
      el('td', {}, el('span', { class: `severity ${escalation.severity}` }, m[`severity_${escalation.severity}`])),
      el('td', {}, escalation.level),
      el('td', {}, m[`status_${escalation.status}`]),
      el('td', {}, escalation.team),
      el('td', {}, escalation.assignee),
      dueCell(ack),
      dueCell(resolve),
    );
  });
  byId('queue')?.replaceChildren(
    el('h2', { id: 'queue-heading' }, m.queue),
    el(
      'p',
      { class: 'updated' },
      format(m.lastUpdated, { time: new Intl.DateTimeFormat(state.locale, { timeStyle: 'medium' }).format(state.updatedAt ?? now) }),
    ),
    rows.length === 0
      ? el('p', {}, m.queueEmpty)
      : el(
          'div',
          { class: 'scroll' },
          el(
            'table',
            { id: 'queue-table' },
            el('caption', { class: 'visually-hidden' }, m.queue),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ...[m.reference, m.kind, m.severity, m.level, m.status, m.team, m.assignee, m.acknowledgeBy, m.resolveBy].map((heading) =>
                  el('th', { scope: 'col' }, heading),
                ),
              ),
            ),
            el('tbody', {}, ...rows),
          ),
        ),
  );
}

function dueCell(due: ReturnType<typeof dueText>): HTMLElement {
  return el('td', { class: due.overdue ? 'overdue' : undefined }, el('span', {}, due.countdown), el('br'), el('small', {}, due.at));
}

async function loadDetail(id: string, focus: boolean): Promise<void> {
  if (!state.token) return;
  state.selected = id;
  if (focus) history.replaceState(null, '', `#escalation=${encodeURIComponent(id)}`);
  const answer = await callApi<DetailAnswer & ErrorBody>(state.token, 'GET', `/escalations/${encodeURIComponent(id)}`).catch(() => undefined);
  if (answer === undefined) return say('alert', t().failed);
  if (sessionEnded(answer)) return;
  if (answer.status !== 200) {
    state.selected = undefined;
    state.detail = undefined;
    byId('detail')?.replaceChildren();
    return say('alert', answer.status === 403 ? t().forbidden : answer.status === 404 ? t().notFound : t().failed);
  }
  const { escalation, complaint, surveyAnswer, history: entries } = answer.body;
  state.detail = { escalation, history: entries, ...(complaint === undefined ? {} : { complaint }), ...(surveyAnswer === undefined ? {} : { surveyAnswer }) };
  renderDetail(focus);
}

function renderDetail(focus: boolean): void {
  const section = byId('detail');
  if (!section || !state.detail) return;
  const m = t();
  const { escalation, complaint, surveyAnswer, history: entries } = state.detail;
  const now = new Date();
  const summary = factList([
    [m.reference, escalation.reference],
    [m.kind, m[`kind_${escalation.source}`]],
    [m.severity, m[`severity_${escalation.severity}`]],
    [m.status, m[`status_${escalation.status}`]],
    [m.level, String(escalation.level)],
    [m.team, escalation.team],
    [m.assignee, escalation.assignee],
    [m.claimedBy, escalation.claimedBy],
    [m.tier, escalation.tier],
    [m.region, escalation.region],
    [m.promise, escalation.guaranteed === undefined ? undefined : escalation.guaranteed ? m.guaranteed : m.target],
    [
      m.acknowledgeBy,
      dueLine(dueText(escalation.ackDueAt, now, state.locale, m, { done: escalation.status === 'acknowledged' || escalation.status === 'resolved' })),
    ],
    [m.resolveBy, dueLine(dueText(escalation.resolveDueAt, now, state.locale, m, { done: escalation.status === 'resolved' }))],
    [m.resolution, escalation.resolution],
  ]);
  const dateTime = new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short' });
  const notes = entries.filter((entry) => entry.action === 'note');
  const heading = el('h2', { id: 'detail-heading', tabindex: '-1' }, format(m.detail, { reference: escalation.reference }));
  // Keep what a supervisor is typing across the ten-second refresh.
  const typed = Object.fromEntries(['note-text', 'reassign-to', 'resolution-text'].map((id) => [id, byId<HTMLInputElement>(id)?.value ?? '']));
  section.setAttribute('aria-labelledby', 'detail-heading');
  const parts = [
    heading,
    button(m.close, closeDetail, { class: 'secondary', id: 'close-detail' }),
    summary,
    complaint === undefined ? undefined : complaintSection(m, complaint),
    surveyAnswer === undefined ? undefined : surveyAnswerSection(m, surveyAnswer),
    escalation.status === 'resolved' ? undefined : actions(m, typed, escalation.source),
    el('h3', {}, m.notes),
    notes.length === 0
      ? el('p', {}, m.noNotes)
      : el(
          'ul',
          { class: 'notes' },
          ...notes.map((entry) =>
            el('li', {}, el('p', {}, entry.detail['text'] ?? ''), el('small', {}, `${entry.actor} · ${dateTime.format(Date.parse(entry.at))}`)),
          ),
        ),
    el('h3', {}, m.history),
    el(
      'ol',
      { class: 'history' },
      ...entries.map((entry) =>
        el(
          'li',
          {},
          el('time', { datetime: entry.at }, dateTime.format(Date.parse(entry.at))),
          ` ${entry.actor}: ${entry.action}`,
          entry.action === 'note' ? undefined : detailText(entry.detail),
        ),
      ),
    ),
  ];
  // replaceChildren, unlike el, would show an absent part as the text "undefined".
  section.replaceChildren(...parts.filter((part) => part !== undefined));
  if (focus) heading.focus();
}

// What the customer wrote, as text (el never parses markup): the reason the escalation exists.
function complaintSection(m: ConsoleMessages, complaint: EscalationComplaint): HTMLElement {
  const received = new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(complaint.acceptedAt));
  return el(
    'section',
    { class: 'complaint', 'aria-labelledby': 'complaint-heading' },
    el('h3', { id: 'complaint-heading' }, m.complaint),
    factList([
      [m.category, complaint.category],
      [m.caseId, complaint.caseId],
      [m.product, complaint.product],
      [m.received, received],
    ]),
    el(
      'p',
      { id: 'complaint-description', class: 'customer-text', ...(complaint.language === undefined ? {} : { lang: complaint.language }) },
      complaint.description,
    ),
  );
}

// The confirmed very low score a survey escalation exists for; the comment, like a complaint's text, as text only.
function surveyAnswerSection(m: ConsoleMessages, answer: EscalationSurveyAnswer): HTMLElement {
  return el(
    'section',
    { class: 'survey-answer', 'aria-labelledby': 'survey-answer-heading' },
    el('h3', { id: 'survey-answer-heading' }, m.surveyAnswer),
    factList(surveyAnswerFacts(answer, m, state.locale)),
    el('h4', { id: 'survey-comment-heading' }, m.comment),
    answer.comment === undefined ? el('p', { id: 'survey-comment' }, m.noComment) : el('p', { id: 'survey-comment', class: 'customer-text' }, answer.comment),
  );
}

/** Terms and their values as a summary list; a term without a value is left out. */
const factList = (facts: readonly (readonly [term: string, value: string | undefined])[]) =>
  el('dl', { class: 'summary' }, ...facts.flatMap(([term, value]) => (value === undefined ? [] : [el('div', {}, el('dt', {}, term), el('dd', {}, value))])));

const dueLine = (due: ReturnType<typeof dueText>) => `${due.countdown} (${due.at})`;
const detailText = (detail: Readonly<Record<string, string>>) => {
  const parts = Object.entries(detail).map(([name, value]) => `${name}: ${value}`);
  return parts.length === 0 ? undefined : ` (${parts.join(', ')})`;
};

function actions(m: ConsoleMessages, typed: Record<string, string | undefined>, source: EscalationSummary['source']): HTMLElement {
  const field = (id: string, label: string, multiline: boolean) =>
    el(
      'div',
      { class: 'field' },
      el('label', { for: id }, label),
      multiline ? el('textarea', { id, maxlength: '5000', rows: '3' }, typed[id] ?? '') : el('input', { id, value: typed[id] ?? '', maxlength: '128' }),
    );
  const value = (id: string) => byId<HTMLInputElement>(id)?.value.trim() ?? '';
  return el(
    'div',
    { class: 'actions' },
    el(
      'div',
      { class: 'buttons' },
      button(m.claim, () => void act('claim'), { id: 'action-claim' }),
      button(m.acknowledge, () => void act('ack'), { id: 'action-ack' }),
    ),
    field('note-text', m.note, true),
    button(m.addNote, () => void act('notes', { text: value('note-text') }, 'note-text'), { id: 'action-note' }),
    field('reassign-to', m.reassignTo, false),
    button(m.reassign, () => void act('reassign', { to: value('reassign-to') }, 'reassign-to'), { id: 'action-reassign' }),
    // Only a complainant is sent the resolution: a survey escalation's customer asked for nothing.
    field('resolution-text', m[`resolutionText_${source}`], true),
    button(m.resolve, () => void act('resolve', { resolution: value('resolution-text') }, 'resolution-text'), { id: 'action-resolve' }),
  );
}

function closeDetail(): void {
  state.selected = undefined;
  state.detail = undefined;
  history.replaceState(null, '', location.pathname);
  byId('detail')?.replaceChildren();
  renderQueue();
}

async function act(action: Action, body?: Record<string, string>, clearField?: string): Promise<void> {
  if (!state.token || !state.selected) return;
  const id = state.selected;
  const answer = await callApi<ErrorBody>(state.token, 'POST', `/escalations/${encodeURIComponent(id)}/${action}`, body).catch(() => undefined);
  if (answer === undefined) return say('alert', t().failed);
  if (sessionEnded(answer)) return;
  const error = answer.body?.error;
  if (answer.status === 200) {
    if (clearField) byId<HTMLInputElement>(clearField)!.value = '';
    say('status', t()[`done_${action}`]);
  } else if (answer.status === 409 && error?.holder) say('alert', format(t().alreadyClaimed, { holder: error.holder }));
  else if (answer.status === 409) say('alert', t().conflict);
  else if (answer.status === 403) say('alert', t().forbidden);
  else if (answer.status === 404) say('alert', t().notFound);
  else if (answer.status === 400 || answer.status === 422) say('alert', format(t().invalid, { message: error?.message ?? '' }));
  else say('alert', t().failed);
  await refresh();
  if (state.selected !== id) await loadDetail(id, false);
}

render();
if (state.token) signIn(state.token);
