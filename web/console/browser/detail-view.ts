import type { EscalationComplaint, EscalationSurveyAnswer } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { type ConsoleMessages, format } from '../view/console-messages.ts';
import { dueText } from '../view/due-text.ts';
import { surveyAnswerFacts } from '../view/survey-answer-facts.ts';
import { historySentence } from '../view/history-sentence.ts';
import { actions } from './actions.ts';
import { el } from './dom.ts';
import { renderQueue } from './queue-view.ts';
import { button, byId, type DetailAnswer, type ErrorBody, formatLocale, nameOf, say, sessionEnded, state, t, callWithSession } from './state.ts';

export async function loadDetail(id: string, focus: boolean): Promise<void> {
  if (!state.token) return;
  state.selected = id;
  if (focus) history.replaceState(null, '', `#escalation=${encodeURIComponent(id)}`);
  const answer = await callWithSession<DetailAnswer & ErrorBody>('GET', `/escalations/${encodeURIComponent(id)}`);
  if (answer === undefined) return say('alert', (m) => m.failed);
  if (sessionEnded(answer)) return;
  if (answer.status !== 200) {
    state.selected = undefined;
    state.detail = undefined;
    byId('detail')?.replaceChildren();
    return say('alert', (m) => (answer.status === 403 ? m.forbidden : answer.status === 404 ? m.notFound : m.failed));
  }
  const { escalation, complaint, surveyAnswer, history: entries, nextActions, names, reassignTo, moveTo } = answer.body;
  Object.assign(state.names, names ?? {});
  state.detail = {
    escalation,
    history: entries,
    nextActions,
    ...(reassignTo === undefined ? {} : { reassignTo }),
    ...(moveTo === undefined ? {} : { moveTo }),
    ...(complaint === undefined ? {} : { complaint }),
    ...(surveyAnswer === undefined ? {} : { surveyAnswer }),
  };
  renderDetail(focus);
}

export function renderDetail(focus: boolean): void {
  const section = byId('detail');
  if (!section) return;
  if (!state.detail) {
    section.replaceChildren();
    return;
  }
  const m = t();
  const { escalation, complaint, surveyAnswer, history: entries, nextActions } = state.detail;
  const now = new Date();
  const summary = factList([
    [m.reference, escalation.reference],
    [m.kind, m[`kind_${escalation.source}`]],
    [m.severity, m[`severity_${escalation.severity}`]],
    [m.status, m[`status_${escalation.status}`]],
    [m.level, String(escalation.level)],
    [m.team, escalation.team],
    [m.assignee, nameOf(escalation.assignee)],
    [m.claimedBy, nameOf(escalation.claimedBy)],
    // A tier the catalogue has no label for (a newer API) is shown as it is.
    [
      m.tier,
      escalation.tier === undefined
        ? undefined
        : Object.hasOwn(m, `tier_${escalation.tier}`)
          ? m[`tier_${escalation.tier}` as 'tier_premium']
          : escalation.tier,
    ],
    [m.region, escalation.region],
    [m.promise, escalation.guaranteed === undefined ? undefined : escalation.guaranteed ? m.guaranteed : m.target],
    [
      m.acknowledgeBy,
      dueLine(dueText(escalation.ackDueAt, now, formatLocale(), m, { done: escalation.status === 'acknowledged' || escalation.status === 'resolved' })),
    ],
    [m.resolveBy, dueLine(dueText(escalation.resolveDueAt, now, formatLocale(), m, { done: escalation.status === 'resolved' }))],
    [m.resolution, escalation.resolution],
  ]);
  const dateTime = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeStyle: 'short' });
  const notes = entries.filter((entry) => entry.action === 'note');
  const heading = el('h2', { id: 'detail-heading', tabindex: '-1' }, format(m.detail, { reference: escalation.reference }));
  // Keep what a supervisor is typing across the ten-second refresh.
  const typed = Object.fromEntries(
    ['note-text', 'reassign-to', 'resolution-text', 'move-team', 'move-to'].map((id) => [id, byId<HTMLInputElement>(id)?.value ?? '']),
  );
  section.setAttribute('aria-labelledby', 'detail-heading');
  const parts = [
    heading,
    button(m.close, closeDetail, { class: 'secondary', id: 'close-detail' }),
    summary,
    complaint === undefined ? undefined : complaintSection(m, complaint),
    surveyAnswer === undefined ? undefined : surveyAnswerSection(m, surveyAnswer),
    nextActions.length === 0 ? undefined : actions(m, typed, escalation.source, nextActions),
    el('h3', {}, m.notes),
    notes.length === 0
      ? el('p', {}, m.noNotes)
      : el(
          'ul',
          { class: 'notes' },
          ...notes.map((entry) =>
            el('li', {}, el('p', {}, entry.detail['text'] ?? ''), el('small', {}, `${nameOf(entry.actor)} · ${dateTime.format(Date.parse(entry.at))}`)),
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
          ` ${historySentence(entry, m, formatLocale(), undefined, (id) => nameOf(id) ?? id)}`,
        ),
      ),
    ),
  ];
  // replaceChildren, unlike el, would show an absent part as the text "undefined".
  section.replaceChildren(...parts.filter((part) => part !== undefined));
  if (focus) {
    // Opened from a row or the email's link: bring the detail to the top of the view, then focus it.
    section.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  }
}

// What the customer wrote, as text (el never parses markup): the reason the escalation exists.
function complaintSection(m: ConsoleMessages, complaint: EscalationComplaint): HTMLElement {
  const received = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(complaint.acceptedAt));
  return el(
    'section',
    { class: 'complaint', 'aria-labelledby': 'complaint-heading' },
    el('h3', { id: 'complaint-heading' }, m.complaint),
    factList([
      // A category the console has no label for (a deployment's own) shows as it is named.
      [m.category, Object.hasOwn(m.categories, complaint.category) ? m.categories[complaint.category] : complaint.category],
      [m.caseId, complaint.caseId],
      [m.product, complaint.product],
      [m.received, received],
      [m.acknowledgement, complaint.acknowledgement === 'withheld' ? m.acknowledgementWithheld : undefined],
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
    factList(surveyAnswerFacts(answer, m, formatLocale())),
    el('h4', { id: 'survey-comment-heading' }, m.comment),
    answer.comment === undefined ? el('p', { id: 'survey-comment' }, m.noComment) : el('p', { id: 'survey-comment', class: 'customer-text' }, answer.comment),
    ...(answer.invitationId === undefined ? [] : aboutProductMark(m, answer.invitationId, answer.aboutProductNotAgent === true)),
  );
}

// Whether the answer counts for the agent, and the button that changes it: a low score about the
// product (a missing feature, a price) is the team's to see, not the agent's to carry.
function aboutProductMark(m: ConsoleMessages, invitationId: string, marked: boolean): HTMLElement[] {
  return [
    el('p', { id: 'about-product' }, marked ? m.aboutProductMarked : m.aboutProductUnmarked),
    button(marked ? m.clearAboutProduct : m.markAboutProduct, () => void markAboutProduct(invitationId, !marked), {
      class: 'secondary',
      id: 'about-product-toggle',
    }),
  ];
}

async function markAboutProduct(invitationId: string, aboutProductNotAgent: boolean): Promise<void> {
  const id = state.selected;
  const answer = await callWithSession<ErrorBody>('PUT', `/responses/${encodeURIComponent(invitationId)}/about-product`, { aboutProductNotAgent });
  if (answer === undefined) return say('alert', (m) => m.failed);
  if (sessionEnded(answer)) return;
  if (answer.status === 200) say('status', (m) => (aboutProductNotAgent ? m.done_markAboutProduct : m.done_clearAboutProduct));
  else say('alert', (m) => (answer.status === 403 ? m.refused_forbidden : answer.status === 404 ? m.notFound : m.failed));
  if (id !== undefined) await loadDetail(id, false);
}

/** Terms and their values as a summary list; a term without a value is left out. */
const factList = (facts: readonly (readonly [term: string, value: string | undefined])[]) =>
  el('dl', { class: 'summary' }, ...facts.flatMap(([term, value]) => (value === undefined ? [] : [el('div', {}, el('dt', {}, term), el('dd', {}, value))])));

const dueLine = (due: ReturnType<typeof dueText>) => `${due.countdown} (${due.at})`;
function closeDetail(): void {
  state.selected = undefined;
  state.detail = undefined;
  history.replaceState(null, '', location.pathname);
  byId('detail')?.replaceChildren();
  renderQueue();
}
