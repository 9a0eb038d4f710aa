import { consoleLocales, format } from '../view/console-messages.ts';
import { claimsOf, cognitoSignIn, fetchLocalUsers } from './console-api.ts';
import { renderDetail, loadDetail } from './detail-view.ts';
import { el } from './dom.ts';
import { consoleView, refresh, renderQueue } from './queue-view.ts';
import { byId, button, LOCALE_KEY, say, state, t, TOKEN_KEY } from './state.ts';

const POLL_MS = 10_000;
let pollTimer: ReturnType<typeof setInterval> | undefined;

const root = () => document.getElementById('console')!;

/** The page's shell: header, language switch, live message, and the sign-in or the workspace. */
export function render(): void {
  document.documentElement.lang = state.locale;
  document.title = t().title;
  const header = el(
    'header',
    { class: 'bar' },
    el('h1', {}, t().title),
    languageSwitch(),
    state.token
      ? el('span', { class: 'who' }, format(t().signedInAs, { name: claimsOf(state.token).name ?? claimsOf(state.token)['cognito:username'] ?? '' }))
      : undefined,
    state.token ? button(t().signOut, signOut, { id: 'sign-out', class: 'secondary' }) : undefined,
  );
  const live = el(
    'div',
    { id: 'message', role: state.message?.kind ?? 'status', 'aria-live': 'polite', class: state.message ? `message ${state.message.kind}` : 'message' },
    state.message?.text(t()),
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
    if (token === undefined) say('alert', (m) => m.signInFailed);
    else signIn(token);
  });
  main.replaceChildren(el('h2', {}, t().signInHeading), form);
}

export function signIn(token: string): void {
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  state.message = undefined;
  render();
  // A link to one escalation (`/console#escalation=<id>`, as in the notification email) opens it.
  // It is opened after the queue, with focus, so it is scrolled into view (a refresh's reload keeps the scroll).
  const linked = /^#escalation=([\w-]{1,128})$/.exec(location.hash)?.[1];
  void refresh().then(() => (linked ? loadDetail(linked, true) : undefined));
  pollTimer ??= setInterval(() => void refresh(), POLL_MS);
}

export function signOut(): void {
  state.token = undefined;
  state.escalations = [];
  state.detail = undefined;
  state.selected = undefined;
  sessionStorage.removeItem(TOKEN_KEY);
  if (pollTimer !== undefined) clearInterval(pollTimer);
  pollTimer = undefined;
  render();
}
