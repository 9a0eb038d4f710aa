import type {
  AuditEntryView,
  EscalationActionName,
  EscalationComplaint,
  EscalationSummary,
  EscalationSurveyAnswer,
} from '../../../functions/escalation/contracts/supervisor-api.ts';
import { type ConsoleLocale, type ConsoleMessages, consoleMessages } from '../view/console-messages.ts';
import { type ApiAnswer, callApi } from './console-api.ts';
import { el } from './dom.ts';

type Detail = EscalationSummary & {
  tier?: string;
  region?: string;
  guaranteed?: boolean;
  claimedBy?: string;
  resolution?: string;
  acknowledgedAt?: string;
};
export type ErrorBody = { error?: { code?: string; message?: string; holder?: string; details?: readonly { message?: string }[] } };

/** A refusal's reason in the API's words: for a field the API refused, what it said of the first one. */
export const reasonOf = (body: ErrorBody | undefined): string => body?.error?.details?.[0]?.message ?? body?.error?.message ?? '';
/** `GET /escalations/{id}`: a complaint's escalation carries its complaint, a survey escalation its answer. */
export type DetailAnswer = {
  escalation: Detail;
  complaint?: EscalationComplaint;
  surveyAnswer?: EscalationSurveyAnswer;
  history: AuditEntryView[];
  /** What the signed-in user may do next, the primary action first (the API's rules, not the console's). */
  nextActions: EscalationActionName[];
  names?: Record<string, string>;
  /** Whom a reassign may name: the team's members, by user name. */
  reassignTo?: string[];
  /** The other teams a lead or admin may move it to, each with its members. */
  moveTo?: { team: string; members: string[] }[];
};

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const STATUSES = ['open', 'claimed', 'acknowledged', 'resolved'] as const;
// The token lives for this tab only: sessionStorage, never a URL or a cookie another tab could send.
export const TOKEN_KEY = 'console.token';
export const LOCALE_KEY = 'console.locale';
// The refresh token too: the session lasts as long as the tab, and sign-out revokes it at the pool.
export const REFRESH_KEY = 'console.refresh';

/** The console's one state: every view reads it, and re-renders from it. */
export const state = {
  locale: pickLocale(),
  token: sessionStorage.getItem(TOKEN_KEY) ?? undefined,
  refreshToken: sessionStorage.getItem(REFRESH_KEY) ?? undefined,
  filters: { status: '', severity: '', team: '', assignee: '', sort: 'newest' },
  escalations: [] as EscalationSummary[],
  /** People's names by user name, as the API's answers carry them. */
  names: {} as Record<string, string>,
  updatedAt: undefined as Date | undefined,
  selected: undefined as string | undefined,
  detail: undefined as DetailAnswer | undefined,
  /** The banner: its text is worked out from the messages each time it is shown, so a language switch translates it too. */
  message: undefined as { kind: 'status' | 'alert'; text: (messages: ConsoleMessages) => string } | undefined,
  /** A refused action's reason, shown beside that action (not in the banner at the top). */
  actionRefusal: undefined as { action: EscalationActionName; escalationId: string; text: (messages: ConsoleMessages) => string } | undefined,
};

/**
 * The calls that run against the import order (any view to the sign-in shell, the queue and
 * the actions to the detail); main.ts sets them, so no two modules import each other.
 */
export const wiring = {
  signOut: (): void => undefined,
  loadDetail: (_id: string, _focus: boolean): Promise<void> => Promise.resolve(),
  renderDetail: (): void => undefined,
  /** Refreshes the session's token at the pool; false when the pool refuses (revoked, disabled). */
  renewSession: (): Promise<boolean> => Promise.resolve(false),
};

function pickLocale(): ConsoleLocale {
  const chosen = sessionStorage.getItem(LOCALE_KEY);
  if (chosen === 'en' || chosen === 'ja') return chosen;
  // The browser's first language decides until the supervisor picks one with the switch.
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export const t = (): ConsoleMessages => consoleMessages[state.locale];

/**
 * The locale dates and numbers are formatted in: the browser's own tag for the console's language
 * (an en-GB browser reads 10/12/2026, day first, not the US 12/10/26), or the language alone.
 */
export const formatLocale = (): string => navigator.languages.find((tag) => tag.split('-')[0]?.toLowerCase() === state.locale) ?? state.locale;
/** Someone's name where the directory has one, else their user name (own keys only: the ids come from data). */
export const nameOf = (userId: string | undefined): string | undefined =>
  userId !== undefined && Object.hasOwn(state.names, userId) ? state.names[userId] : userId;

export const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;

export function button(text: string, onClick: () => void, attributes: Record<string, string> = {}): HTMLButtonElement {
  const element = el('button', { type: 'button', ...attributes }, text);
  element.addEventListener('click', onClick);
  return element;
}

export function say(kind: 'status' | 'alert', text: (messages: ConsoleMessages) => string): void {
  state.message = { kind, text };
  const live = byId('message');
  if (live) {
    live.setAttribute('role', kind);
    live.className = `message ${kind}`;
    live.textContent = text(t());
  }
}

/**
 * Calls the supervisor API with the session's token. A 401 means the token expired unseen (a
 * laptop asleep through the refresh timer): the session is renewed at the pool once and the call
 * made again, so waking a tab does not sign the supervisor out. Undefined when the API is unreachable.
 */
export async function callWithSession<Body>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<ApiAnswer<Body> | undefined> {
  if (!state.token) return undefined;
  const first = await callApi<Body>(state.token, method, path, body).catch(() => undefined);
  if (first?.status !== 401 || !(await wiring.renewSession()) || !state.token) return first;
  return callApi<Body>(state.token, method, path, body).catch(() => undefined);
}

/** Whether the answer ended the session (401): then the console signs out and says so. */
export function sessionEnded(answer: ApiAnswer): boolean {
  if (answer.status !== 401) return false;
  wiring.signOut();
  say('alert', (m) => m.sessionExpired);
  return true;
}
