import { type ConsoleMessages, consoleLocales, format } from '../view/console-messages.ts';
import { forgetAccounts, renderAccounts } from './accounts-view.ts';
import { forgetPeople, loadPeople, renderAway } from './away-view.ts';
import { claimsOf } from './console-api.ts';
import { forgetCalendars, loadCalendars, renderHolidays } from './holidays-view.ts';
import { renderDetail, loadDetail } from './detail-view.ts';
import { el } from './dom.ts';
import { consoleView, refresh, renderQueue } from './queue-view.ts';
import { forgetReports, loadReports, renderReports } from './reports-view.ts';
import { byId, button, LOCALE_KEY, REFRESH_KEY, say, state, t, TOKEN_KEY } from './state.ts';
import {
  answerMfaCode,
  answerNewPassword,
  finishMfaSetup,
  type PoolAnswer,
  type PoolRefusal,
  refreshSession,
  resetPassword,
  revokeSession,
  type SessionTokens,
  sendResetCode,
  signInWithPassword,
  startMfaSetup,
  type UserPoolEndpoint,
} from './user-pool.ts';

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
    // The reports sit below the day's work (queue, detail, away dates): one link away from the top.
    state.token ? el('a', { href: '#reports-heading', id: 'reports-link' }, t().reportsHeading) : undefined,
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
  if (!state.token) renderSignIn();
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
      renderAway();
      renderAccounts();
      renderHolidays();
      renderReports();
    }
    byId('language')?.focus();
  });
  return el('label', { class: 'language' }, `${t().language} `, select);
}

/** The pool the shell names (`data-sign-in-endpoint`, `data-sign-in-client-id`): Cognito on AWS, the emulated pool locally. */
const userPool = (): UserPoolEndpoint | undefined => {
  const endpoint = document.body.dataset['signInEndpoint'];
  const clientId = document.body.dataset['signInClientId'];
  return endpoint && clientId ? { endpoint, clientId } : undefined;
};

const REFUSALS: Record<PoolRefusal, (m: ConsoleMessages) => string> = {
  wrongCredentials: (m) => m.signInFailed,
  disabled: (m) => m.userDisabled,
  tooManyAttempts: (m) => m.tooManyAttempts,
  passwordRefused: (m) => m.signInFailed,
  codeWrong: (m) => m.codeWrong,
  unreachable: (m) => m.poolUnreachable,
  other: (m) => m.signInFailed,
};

/** Which of the sign-in forms shows: the password form, the first sign-in's new password, an authenticator code or its set-up, or a reset. */
type SignInStep =
  | { readonly form: 'password' }
  | { readonly form: 'newPassword'; readonly userName: string; readonly session: string }
  | { readonly form: 'mfaCode'; readonly userName: string; readonly session: string }
  | { readonly form: 'mfaSetup'; readonly userName: string; readonly session: string; readonly secret: string }
  | { readonly form: 'forgot' }
  | { readonly form: 'reset'; readonly userName: string };
let step: SignInStep = { form: 'password' };

function renderSignIn(): void {
  const main = byId('sign-in');
  if (!main) return;
  const pool = userPool();
  if (pool === undefined) {
    main.replaceChildren(el('h2', {}, t().signInHeading), el('p', { role: 'alert' }, t().signInUnavailable));
    return;
  }
  if (step.form === 'newPassword') main.replaceChildren(...newPasswordForm(pool, step));
  else if (step.form === 'mfaCode') main.replaceChildren(...mfaCodeForm(pool, step));
  else if (step.form === 'mfaSetup') main.replaceChildren(...mfaSetupForm(pool, step));
  else if (step.form === 'forgot') main.replaceChildren(...forgotForm(pool));
  else if (step.form === 'reset') main.replaceChildren(...resetForm(pool, step.userName));
  else main.replaceChildren(...passwordForm(pool));
  main.querySelector('input')?.focus();
}

const field = (id: string, label: string, attributes: Record<string, string | boolean>) => [
  el('label', { for: id }, label),
  el('input', { id, required: true, ...attributes }),
];
const value = (id: string) => byId<HTMLInputElement>(id)?.value ?? '';
const goTo = (next: SignInStep) => {
  step = next;
  renderSignIn();
};
const linkButton = (text: string, onClick: () => void, id: string) => button(text, onClick, { id, class: 'link' });

/** Submits once at a time: the button is busy until the pool answers. */
function onSubmit(form: HTMLFormElement, handle: () => Promise<void>): HTMLFormElement {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = true;
    void handle().finally(() => {
      if (submit) submit.disabled = false;
    });
  });
  return form;
}

function passwordForm(pool: UserPoolEndpoint): HTMLElement[] {
  const form = el(
    'form',
    { class: 'sign-in', id: 'sign-in-form' },
    ...field('user-name', t().userName, { type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' }),
    ...field('password', t().password, { type: 'password', autocomplete: 'current-password' }),
    el('button', { type: 'submit' }, t().signIn),
  );
  onSubmit(form, async () => signedInOr(pool, await signInWithPassword(pool, value('user-name').trim(), value('password'))));
  return [el('h2', {}, t().signInHeading), form, linkButton(t().forgotPassword, () => goTo({ form: 'forgot' }), 'forgot-password')];
}

function newPasswordForm(pool: UserPoolEndpoint, challenge: { readonly userName: string; readonly session: string }): HTMLElement[] {
  const form = el(
    'form',
    { class: 'sign-in', id: 'new-password-form' },
    ...field('new-password', t().newPassword, { type: 'password', autocomplete: 'new-password', minlength: '12', 'aria-describedby': 'password-rule' }),
    ...field('repeat-password', t().repeatPassword, { type: 'password', autocomplete: 'new-password', minlength: '12' }),
    el('p', { id: 'password-rule', class: 'hint' }, t().passwordRule),
    el('button', { type: 'submit' }, t().setPassword),
  );
  onSubmit(form, async () => {
    if (value('new-password') !== value('repeat-password')) {
      say('alert', (m) => m.passwordsDiffer);
      return;
    }
    signedInOr(pool, await answerNewPassword(pool, challenge.userName, challenge.session, value('new-password')));
  });
  return [el('h2', {}, t().newPasswordHeading), el('p', {}, t().newPasswordIntro), form];
}

const codeField = () =>
  field('mfa-code', t().mfaCode, { type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: '6' });

function mfaCodeForm(pool: UserPoolEndpoint, challenge: { readonly userName: string; readonly session: string }): HTMLElement[] {
  const form = el('form', { class: 'sign-in', id: 'mfa-code-form' }, ...codeField(), el('button', { type: 'submit' }, t().verifyCode));
  onSubmit(form, async () => signedInOr(pool, await answerMfaCode(pool, challenge.userName, challenge.session, value('mfa-code').trim())));
  return [el('h2', {}, t().mfaCodeHeading), el('p', {}, t().mfaCodeIntro), form];
}

function mfaSetupForm(pool: UserPoolEndpoint, setup: { readonly userName: string; readonly session: string; readonly secret: string }): HTMLElement[] {
  // The otpauth link opens an authenticator app on a phone; on a desktop the key is typed into it.
  const issuer = encodeURIComponent(t().title);
  const link = `otpauth://totp/${issuer}:${encodeURIComponent(setup.userName)}?secret=${setup.secret}&issuer=${issuer}`;
  const form = el('form', { class: 'sign-in', id: 'mfa-setup-form' }, ...codeField(), el('button', { type: 'submit' }, t().verifyCode));
  onSubmit(form, async () => signedInOr(pool, await finishMfaSetup(pool, setup.userName, setup.session, value('mfa-code').trim())));
  return [
    el('h2', {}, t().mfaSetupHeading),
    el('p', {}, t().mfaSetupIntro),
    el('p', {}, `${t().mfaSecret} `, el('code', { id: 'mfa-secret' }, setup.secret)),
    el('p', {}, el('a', { href: link, id: 'mfa-link' }, t().mfaOpenApp)),
    form,
  ];
}

function forgotForm(pool: UserPoolEndpoint): HTMLElement[] {
  const form = el(
    'form',
    { class: 'sign-in', id: 'forgot-form' },
    ...field('user-name', t().userName, { type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' }),
    el('button', { type: 'submit' }, t().sendCode),
  );
  onSubmit(form, async () => {
    const userName = value('user-name').trim();
    const sent = await sendResetCode(pool, userName);
    if (!sent.ok && sent.reason !== 'wrongCredentials') {
      say('alert', REFUSALS[sent.reason]);
      return;
    }
    say('status', (m) => m.codeSent);
    goTo({ form: 'reset', userName });
  });
  return [
    el('h2', {}, t().forgotHeading),
    el('p', {}, t().forgotIntro),
    form,
    linkButton(t().backToSignIn, () => goTo({ form: 'password' }), 'back-to-sign-in'),
  ];
}

function resetForm(pool: UserPoolEndpoint, userName: string): HTMLElement[] {
  const form = el(
    'form',
    { class: 'sign-in', id: 'reset-form' },
    ...field('code', t().code, { type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric' }),
    ...field('new-password', t().newPassword, { type: 'password', autocomplete: 'new-password', minlength: '12', 'aria-describedby': 'password-rule' }),
    el('p', { id: 'password-rule', class: 'hint' }, t().passwordRule),
    el('button', { type: 'submit' }, t().resetPassword),
  );
  onSubmit(form, async () => {
    const reset = await resetPassword(pool, userName, value('code').trim(), value('new-password'));
    if (!reset.ok) {
      const refusal =
        reset.reason === 'passwordRefused' ? (m: ConsoleMessages) => format(m.passwordRefused, { reason: reset.message }) : REFUSALS[reset.reason];
      say('alert', refusal);
      return;
    }
    say('status', (m) => m.passwordReset);
    goTo({ form: 'password' });
  });
  return [el('h2', {}, t().forgotHeading), form, linkButton(t().backToSignIn, () => goTo({ form: 'password' }), 'back-to-sign-in')];
}

/** Goes on from the pool's answer: into the console, to the new-password form, or a reason on the page. */
function signedInOr(pool: UserPoolEndpoint, answer: PoolAnswer): void {
  if (answer.kind === 'signedIn') {
    step = { form: 'password' };
    signIn(answer.tokens, pool);
    return;
  }
  if (answer.kind === 'newPasswordRequired') {
    // The form says why it asks; the live region names the step for screen readers.
    say('status', (m) => m.newPasswordHeading);
    goTo({ form: 'newPassword', userName: answer.userName, session: answer.session });
    return;
  }
  if (answer.kind === 'mfaCodeRequired') {
    say('status', (m) => m.mfaCodeHeading);
    goTo({ form: 'mfaCode', userName: answer.userName, session: answer.session });
    return;
  }
  if (answer.kind === 'mfaSetupRequired') {
    void startMfaSetup(pool, answer.session).then((setup) => {
      if (!setup.ok) return say('alert', REFUSALS[setup.reason]);
      say('status', (m) => m.mfaSetupHeading);
      goTo({ form: 'mfaSetup', userName: answer.userName, session: setup.session, secret: setup.secret });
    });
    return;
  }
  if (answer.kind === 'otherChallenge') {
    say('alert', (m) => format(m.challengeUnsupported, { challenge: answer.challenge }));
    return;
  }
  const atCode = step.form === 'mfaCode' || step.form === 'mfaSetup';
  const refusal =
    answer.reason === 'passwordRefused' && step.form === 'newPassword'
      ? (m: ConsoleMessages) => format(m.passwordRefused, { reason: answer.message })
      : answer.reason === 'codeWrong' && atCode
        ? (m: ConsoleMessages) => m.mfaCodeWrong
        : REFUSALS[answer.reason];
  say('alert', refusal);
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Refreshes the ID token five minutes before it expires (by the pool's own count of seconds, so
 * a wrong or jumping page clock cannot end the session early or late); a refused refresh (the
 * token revoked, the user disabled) signs out and says so.
 */
function scheduleRefresh(pool: UserPoolEndpoint, expiresIn: number): void {
  if (refreshTimer !== undefined) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(
    async () => {
      refreshTimer = undefined;
      const refreshToken = state.refreshToken;
      if (refreshToken === undefined) return;
      const answer = await refreshSession(pool, refreshToken);
      if (answer.kind !== 'signedIn') {
        if (answer.kind === 'refused' && answer.reason === 'unreachable') {
          scheduleRefresh(pool, 330);
          return;
        }
        signOut();
        say('alert', (m) => m.sessionExpired);
        return;
      }
      keepSession(answer.tokens);
      scheduleRefresh(pool, answer.tokens.expiresIn);
    },
    Math.max(30, expiresIn - 300) * 1000,
  );
}

let renewing: Promise<boolean> | undefined;

/** A new ID token from the pool now, for an API call that met an expired one; false when the pool refuses. */
export function renewSession(): Promise<boolean> {
  // The calls of one wake-up (queue, people, calendars) share one refresh.
  renewing ??= (async () => {
    const pool = userPool();
    if (pool === undefined || state.refreshToken === undefined) return false;
    const answer = await refreshSession(pool, state.refreshToken);
    if (answer.kind !== 'signedIn') return false;
    keepSession(answer.tokens);
    scheduleRefresh(pool, answer.tokens.expiresIn);
    return true;
  })().finally(() => {
    renewing = undefined;
  });
  return renewing;
}

function keepSession(tokens: SessionTokens): void {
  state.token = tokens.idToken;
  state.refreshToken = tokens.refreshToken;
  sessionStorage.setItem(TOKEN_KEY, tokens.idToken);
  sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
}

/** A page reloaded with a session in this tab: refresh on the token's own expiry, read against the page's clock once. */
export async function resumeSession(): Promise<void> {
  const pool = userPool();
  if (state.token === undefined || state.refreshToken === undefined || pool === undefined) return;
  const left = Math.floor((claimsOf(state.token).exp ?? 0) - Date.now() / 1000);
  if (left > 300) {
    signIn({ idToken: state.token, refreshToken: state.refreshToken, expiresIn: left }, pool);
    return;
  }
  // Expired, or about to, while the tab was closed or asleep: a new token before the first API call.
  const answer = await refreshSession(pool, state.refreshToken);
  if (answer.kind === 'signedIn') {
    signIn(answer.tokens, pool);
    return;
  }
  signOut();
  say('alert', (m) => m.sessionExpired);
}

function signIn(tokens: SessionTokens, pool: UserPoolEndpoint): void {
  keepSession(tokens);
  scheduleRefresh(pool, tokens.expiresIn);
  state.message = undefined;
  render();
  // A link to one escalation (`/console#escalation=<id>`, as in the notification email) opens it.
  // It is opened after the queue, with focus, so it is scrolled into view (a refresh's reload keeps the scroll).
  const linked = /^#escalation=([\w-]{1,128})$/.exec(location.hash)?.[1];
  void refresh().then(() => (linked ? loadDetail(linked, true) : undefined));
  void loadPeople().then(renderAccounts);
  void loadCalendars();
  void loadReports();
  pollTimer ??= setInterval(() => void refresh(), POLL_MS);
}

/** Signs out here and at the pool: the refresh token is revoked, so a copy of it signs nobody in. */
export function signOut(): void {
  const pool = userPool();
  if (state.refreshToken !== undefined && pool !== undefined) void revokeSession(pool, state.refreshToken);
  state.token = undefined;
  state.refreshToken = undefined;
  state.escalations = [];
  state.detail = undefined;
  state.selected = undefined;
  forgetPeople();
  forgetAccounts();
  forgetCalendars();
  forgetReports();
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(REFRESH_KEY);
  if (pollTimer !== undefined) clearInterval(pollTimer);
  if (refreshTimer !== undefined) clearTimeout(refreshTimer);
  pollTimer = undefined;
  refreshTimer = undefined;
  step = { form: 'password' };
  render();
}
