import type { EscalationSummary } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { format } from '../view/console-messages.ts';
import { dueText } from '../view/due-text.ts';
import { queueOverview } from '../view/queue-overview.ts';
import { el } from './dom.ts';
import { button, byId, type ErrorBody, formatLocale, nameOf, say, sessionEnded, SEVERITIES, state, STATUSES, t, wiring, callWithSession } from './state.ts';

/** The signed-in workspace: the overview, the filters, the queue, the detail's place, the away dates, the reports and (admins) the accounts and the holiday calendars. */
export function consoleView(): HTMLElement {
  return el(
    'main',
    { id: 'workspace' },
    el('section', { id: 'overview', 'aria-labelledby': 'overview-heading' }, el('h2', { id: 'overview-heading' }, t().overview)),
    filtersForm(),
    el('section', { id: 'queue', 'aria-labelledby': 'queue-heading' }, el('h2', { id: 'queue-heading' }, t().queue)),
    el('section', { id: 'detail', 'aria-live': 'polite' }),
    el('section', { id: 'away', 'aria-labelledby': 'away-heading' }),
    el('section', { id: 'reports', 'aria-labelledby': 'reports-heading' }),
    el('section', { id: 'accounts', 'aria-labelledby': 'accounts-heading' }),
    el('section', { id: 'holidays', 'aria-labelledby': 'holidays-heading' }),
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

export async function refresh(): Promise<void> {
  if (!state.token) return;
  const query = new URLSearchParams({ sort: state.filters.sort, limit: '100' });
  for (const name of ['status', 'severity', 'team', 'assignee'] as const) if (state.filters[name]) query.set(name, state.filters[name]);
  const escalations: EscalationSummary[] = [];
  // A few pages at most: a queue longer than that needs filters, not scrolling.
  for (let page = 0; page < 5; page += 1) {
    const answer = await callWithSession<{ escalations: EscalationSummary[]; names?: Record<string, string>; cursor?: string } & ErrorBody>(
      'GET',
      `/escalations?${query}`,
    );
    if (answer === undefined) return say('alert', (m) => m.failed);
    if (sessionEnded(answer)) return;
    if (answer.status !== 200) return say('alert', (m) => (answer.status === 403 ? m.forbidden : m.failed));
    escalations.push(...answer.body.escalations);
    Object.assign(state.names, answer.body.names ?? {});
    if (!answer.body.cursor) break;
    query.set('cursor', answer.body.cursor);
  }
  state.escalations = escalations;
  state.updatedAt = new Date();
  renderQueue();
  if (state.selected) await wiring.loadDetail(state.selected, false);
}

export function renderQueue(): void {
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
    teams.length === 0
      ? el('p', { id: 'overview-empty' }, m.overviewEmpty)
      : el(
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
    const ack = dueText(escalation.ackDueAt, now, formatLocale(), m, { done: escalation.status === 'acknowledged' || escalation.status === 'resolved' });
    const resolve = dueText(escalation.resolveDueAt, now, formatLocale(), m, { done: escalation.status === 'resolved' });
    const open = button(escalation.reference, () => void wiring.loadDetail(escalation.id, true), { class: 'link', 'data-id': escalation.id });
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
      el('td', { title: escalation.assignee }, nameOf(escalation.assignee)),
      dueCell(ack),
      dueCell(resolve),
    );
  });
  byId('queue')?.replaceChildren(
    el('h2', { id: 'queue-heading' }, m.queue),
    el(
      'p',
      { class: 'updated' },
      format(m.lastUpdated, { time: new Intl.DateTimeFormat(formatLocale(), { timeStyle: 'medium' }).format(state.updatedAt ?? now) }),
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
