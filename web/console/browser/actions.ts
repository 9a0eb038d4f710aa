import type { EscalationSummary } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { type ConsoleMessages, format } from '../view/console-messages.ts';
import { callApi } from './console-api.ts';
import { el } from './dom.ts';
import { refresh } from './queue-view.ts';
import { byId, button, type ErrorBody, say, sessionEnded, state, t, wiring } from './state.ts';

type Action = 'claim' | 'ack' | 'notes' | 'reassign' | 'resolve';

/** The buttons and fields of an unresolved escalation; what is typed survives a re-render through `typed`. */
export function actions(m: ConsoleMessages, typed: Record<string, string | undefined>, source: EscalationSummary['source']): HTMLElement {
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
  if (state.selected !== id) await wiring.loadDetail(id, false);
}
