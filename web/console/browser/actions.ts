import type { EscalationActionName, EscalationSummary } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { type ConsoleMessages, format } from '../view/console-messages.ts';
import { el } from './dom.ts';
import { refresh } from './queue-view.ts';
import { byId, button, type ErrorBody, nameOf, say, sessionEnded, state, wiring, callWithSession } from './state.ts';

/**
 * The buttons and fields of the actions the signed-in user may take next (`allowed`, from the
 * API), the first of claim, acknowledge and resolve shown as the primary one; what is typed
 * survives a re-render through `typed`.
 */
export function actions(
  m: ConsoleMessages,
  typed: Record<string, string | undefined>,
  source: EscalationSummary['source'],
  allowed: readonly EscalationActionName[],
): HTMLElement {
  const primary = (['claim', 'ack', 'resolve'] as const).find((name) => allowed.includes(name));
  const refusal = state.actionRefusal?.escalationId === state.selected ? state.actionRefusal : undefined;
  // The reason an action was refused, right under its button: where the supervisor is looking.
  const refusedHere = (name: EscalationActionName) =>
    refusal?.action === name ? el('p', { class: 'action-refusal', role: 'alert', id: 'action-refusal' }, refusal.text(m)) : undefined;
  const may = (name: EscalationActionName) => allowed.includes(name);
  const classOf = (name: EscalationActionName): Record<string, string> => (name === primary ? { class: 'primary' } : {});
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
    may('claim') || may('ack')
      ? el(
          'div',
          { class: 'buttons' },
          may('claim') ? button(m.claim, () => void act('claim'), { id: 'action-claim', ...classOf('claim') }) : undefined,
          may('ack') ? button(m.acknowledge, () => void act('ack'), { id: 'action-ack', ...classOf('ack') }) : undefined,
        )
      : undefined,
    refusedHere('claim') ?? refusedHere('ack'),
    ...(may('resolve')
      ? [
          // Only a complainant is sent the resolution: a survey escalation's customer asked for nothing.
          field('resolution-text', m[`resolutionText_${source}`], true),
          button(m.resolve, () => void act('resolve', { resolution: value('resolution-text') }, 'resolution-text'), {
            id: 'action-resolve',
            ...classOf('resolve'),
          }),
          refusedHere('resolve'),
        ]
      : []),
    ...(may('notes')
      ? [
          field('note-text', m.note, true),
          button(m.addNote, () => void act('notes', { text: value('note-text') }, 'note-text'), { id: 'action-note' }),
          refusedHere('notes'),
        ]
      : []),
    ...(may('reassign')
      ? [
          reassignField(m, typed['reassign-to']),
          button(m.reassign, () => void act('reassign', { to: value('reassign-to') }, 'reassign-to'), { id: 'action-reassign' }),
          refusedHere('reassign'),
          ...moveFields(m, typed),
        ]
      : []),
  );
}

/**
 * Moving it to another team (leads and admins: the API's `moveTo`): the team, then one of its
 * members by name. A reassign with `team`, so a refusal shows under the reassign.
 */
function moveFields(m: ConsoleMessages, typed: Record<string, string | undefined>): HTMLElement[] {
  const teams = state.detail?.moveTo ?? [];
  if (teams.length === 0) return [];
  const membersOf = (team: string) => teams.find((candidate) => candidate.team === team)?.members ?? [];
  const memberOptions = (team: string, chosen: string | undefined) => [
    el('option', { value: '' }, m.choosePerson),
    ...membersOf(team).map((userId) => memberOption(userId, chosen)),
  ];
  const chosenTeam = typed['move-team'] ?? '';
  const teamSelect = el(
    'select',
    { id: 'move-team' },
    el('option', { value: '' }, m.chooseTeam),
    ...teams.map(({ team }) => el('option', { value: team, selected: team === chosenTeam }, team)),
  );
  const memberSelect = el('select', { id: 'move-to', disabled: membersOf(chosenTeam).length === 0 }, ...memberOptions(chosenTeam, typed['move-to']));
  // Another team offers its own members; the options change in place, so focus stays on the team.
  teamSelect.addEventListener('change', () => {
    memberSelect.replaceChildren(...memberOptions(teamSelect.value, undefined));
    memberSelect.disabled = membersOf(teamSelect.value).length === 0;
  });
  return [
    el('h3', { class: 'move-heading' }, m.moveHeading),
    el('div', { class: 'field' }, el('label', { for: 'move-team' }, m.moveTeam), teamSelect),
    el('div', { class: 'field' }, el('label', { for: 'move-to' }, m.moveTo), memberSelect),
    button(m.move, () => void act('reassign', { to: memberSelect.value, team: teamSelect.value }), { id: 'action-move' }),
  ];
}

/** A team member to choose, by name with the user name beside it (two people may share a name). */
const memberOption = (userId: string, chosen: string | undefined) =>
  el('option', { value: userId, selected: userId === chosen }, `${nameOf(userId)}${nameOf(userId) === userId ? '' : ` (${userId})`}`);

/** The team's members by name (the API's `reassignTo`), the current assignee left out; a text field where the API names none. */
function reassignField(m: ConsoleMessages, chosen: string | undefined): HTMLElement {
  const members = (state.detail?.reassignTo ?? []).filter((userId) => userId !== state.detail?.escalation.assignee);
  if (state.detail?.reassignTo === undefined) {
    return el(
      'div',
      { class: 'field' },
      el('label', { for: 'reassign-to' }, m.reassignTo),
      el('input', { id: 'reassign-to', value: chosen ?? '', maxlength: '128' }),
    );
  }
  return el(
    'div',
    { class: 'field' },
    el('label', { for: 'reassign-to' }, m.reassignTo),
    el('select', { id: 'reassign-to' }, el('option', { value: '' }, m.choosePerson), ...members.map((userId) => memberOption(userId, chosen))),
  );
}

const REFUSAL_CODES = ['not_a_team_member', 'unknown_assignee', 'unknown_team', 'not_holder', 'forbidden'] as const;
const isRefusalCode = (code: string | undefined): code is (typeof REFUSAL_CODES)[number] => (REFUSAL_CODES as readonly (string | undefined)[]).includes(code);

async function act(action: EscalationActionName, body?: Record<string, string>, clearField?: string): Promise<void> {
  if (!state.token || !state.selected) return;
  const id = state.selected;
  const answer = await callWithSession<ErrorBody>('POST', `/escalations/${encodeURIComponent(id)}/${action}`, body);
  if (answer === undefined) return say('alert', (m) => m.failed);
  if (sessionEnded(answer)) return;
  const error = answer.body?.error;
  state.actionRefusal = undefined;
  const refuse = (text: (messages: ConsoleMessages) => string) => {
    state.actionRefusal = { action, escalationId: id, text };
  };
  const code = error?.code;
  const movedTo = body?.['team'];
  if (answer.status === 200 && movedTo !== undefined) {
    // Moved out of the team: a lead of the old team no longer sees it, so the detail closes.
    say('status', (m) => format(m.done_move, { team: movedTo }));
    state.selected = undefined;
    state.detail = undefined;
    wiring.renderDetail();
  } else if (answer.status === 200) {
    if (clearField) byId<HTMLInputElement>(clearField)!.value = '';
    say('status', (m) => m[`done_${action}`]);
  } else if (answer.status === 409 && error?.holder) {
    const holder = error.holder;
    // Named when shown: the detail reloaded after the refusal brings the holder's name.
    refuse((m) => format(m.alreadyClaimed, { holder: nameOf(holder) ?? holder }));
  } else if (answer.status === 409) refuse((m) => m.conflict);
  else if (answer.status === 404) say('alert', (m) => m.notFound);
  else if (isRefusalCode(code)) refuse((m) => format(m[`refused_${code}`], { to: nameOf(body?.['to']) ?? '' }));
  else if (answer.status === 400 || answer.status === 422) refuse((m) => format(m.invalid, { message: error?.message ?? '' }));
  else say('alert', (m) => m.failed);
  await refresh();
  if (movedTo === undefined && state.selected !== id) await wiring.loadDetail(id, false);
}
