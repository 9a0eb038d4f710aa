import type { PersonInReachView } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { awayDaysText, awayPeriodOfDays, type AwayPeriodInstants, todayAsDateInput } from '../view/away-days.ts';
import { type ConsoleMessages, format } from '../view/console-messages.ts';
import { claimsOf } from './console-api.ts';
import { el } from './dom.ts';
import { button, byId, type ErrorBody, formatLocale, reasonOf, say, sessionEnded, state, t, callWithSession } from './state.ts';

/** The people whose away dates the signed-in user sets (themselves; a lead's team; an admin's everyone), as `GET /people` last answered. */
let people: PersonInReachView[] = [];
/** The teams an admin has unfolded: a save re-renders the list without folding them again. */
const openTeams = new Set<string>();
/** A refused save, shown beside that person's form. */
let refusal: { personId: string; text: (m: ConsoleMessages) => string } | undefined;

/** Leads and admins set and clear the open-ended away mark; a supervisor only plans dates. */
const mayClearMarks = () => {
  const groups = (state.token ? claimsOf(state.token)['cognito:groups'] : undefined) ?? [];
  return groups.includes('lead') || groups.includes('admin');
};

/** Loads the people in reach and shows their away dates. */
export async function loadPeople(): Promise<void> {
  if (!state.token) return;
  const answer = await callWithSession<{ people: PersonInReachView[] } & ErrorBody>('GET', '/people');
  if (answer === undefined) return say('alert', (m) => m.failed);
  if (sessionEnded(answer)) return;
  if (answer.status !== 200) return say('alert', (m) => m.failed);
  people = answer.body.people;
  renderAway();
}

/** The people in reach as `GET /people` last answered: for an admin, everyone (the accounts view lists them). */
export const peopleInReach = (): readonly PersonInReachView[] => people;

/** Forgets the people of the session that ended. */
export function forgetPeople(): void {
  people = [];
  openTeams.clear();
  refusal = undefined;
}

const placeText = (m: ConsoleMessages, person: PersonInReachView) =>
  person.team === undefined ? m.place_head : `${m[`place_${person.place}`]}, ${person.team}`;

/** One section for everyone in reach: a supervisor sees only themselves, under "Your away dates". */
export function renderAway(): void {
  const section = byId('away');
  if (!section) return;
  const m = t();
  const self = people.length === 1;
  section.replaceChildren(
    el('h2', { id: 'away-heading' }, self ? m.awayHeadingSelf : m.awayHeading),
    el('p', { class: 'hint' }, m.awayIntro),
    ...(teamsOf(people).length > 1 ? byTeam(m) : people.map((person) => personCard(person, m))),
  );
}

const teamsOf = (listed: readonly PersonInReachView[]) => [...new Set(listed.flatMap(({ team }) => (team === undefined ? [] : [team])))];

/**
 * An admin's everyone, one folded team at a time (a few hundred forms on one page would bury the
 * one they came for), each summary saying who is away now; a team with an open form stays open.
 */
function byTeam(m: ConsoleMessages): HTMLElement[] {
  const head = people.filter(({ team }) => team === undefined).map((person) => personCard(person, m));
  return [
    ...head,
    ...teamsOf(people).map((team) => {
      const members = people.filter((person) => person.team === team);
      const away = members.filter(({ awayNow }) => awayNow).length;
      const details = el(
        'details',
        { class: 'team', 'data-team': team, open: openTeams.has(team) },
        el('summary', {}, format(m.teamSummary, { team, count: String(members.length), away: String(away) })),
        ...members.map((person) => personCard(person, m)),
      );
      details.addEventListener('toggle', () => (details.open ? openTeams.add(team) : openTeams.delete(team)));
      return details;
    }),
  ];
}

function personCard(person: PersonInReachView, m: ConsoleMessages): HTMLElement {
  const locale = formatLocale();
  const periods = el(
    'ul',
    { class: 'away-periods' },
    ...person.awayPeriods.map((period, index) => {
      const { first, last } = awayDaysText(period, locale);
      const text = format(m.awayPeriod, { first, last });
      return el(
        'li',
        {},
        text,
        ' ',
        button(
          m.remove,
          () =>
            void save(
              person,
              person.awayPeriods.filter((_, kept) => kept !== index),
            ),
          {
            class: 'secondary',
            'aria-label': `${m.remove}: ${text}`,
          },
        ),
      );
    }),
  );
  const ids = { first: `away-first-${person.id}`, last: `away-last-${person.id}` };
  const today = todayAsDateInput(new Date());
  const form = el(
    'form',
    { class: 'away-form', 'aria-label': format(m.addAwayFor, { name: person.name ?? person.id }) },
    el('div', { class: 'field' }, el('label', { for: ids.first }, m.awayFirstDay), el('input', { id: ids.first, type: 'date', required: true, min: today })),
    el('div', { class: 'field' }, el('label', { for: ids.last }, m.awayLastDay), el('input', { id: ids.last, type: 'date', required: true, min: today })),
    el('button', { type: 'submit' }, m.addAway),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const period = awayPeriodOfDays(byId<HTMLInputElement>(ids.first)?.value ?? '', byId<HTMLInputElement>(ids.last)?.value ?? '');
    if (period === undefined) {
      refusal = { personId: person.id, text: (messages) => messages.awayOrder };
      return renderAway();
    }
    void save(person, [...person.awayPeriods, period]);
  });
  const status = person.awayNow ? m.awayNow : m.available;
  return el(
    'article',
    { class: 'person', 'data-person': person.id, 'aria-labelledby': `person-${person.id}` },
    el('h3', { id: `person-${person.id}` }, person.name ?? person.id, ' ', el('small', {}, placeText(m, person))),
    el(
      'p',
      { class: person.awayNow ? 'away-now' : 'available' },
      status,
      person.away ? ` (${m.markedAway}) ` : '',
      // The open-ended mark (a disabled account's, an admin's command) is cleared here once they are back.
      person.away && mayClearMarks() ? button(m.clearAwayMark, () => void save(person, person.awayPeriods, false), { class: 'secondary' }) : undefined,
    ),
    person.awayPeriods.length === 0 ? el('p', {}, m.noAwayPeriods) : periods,
    form,
    refusal?.personId === person.id ? el('p', { class: 'refusal', role: 'alert' }, refusal.text(m)) : undefined,
  );
}

async function save(person: PersonInReachView, periods: readonly AwayPeriodInstants[], away?: false): Promise<void> {
  if (!state.token) return;
  const answer = await callWithSession<{ person: PersonInReachView } & ErrorBody>('PUT', `/people/${encodeURIComponent(person.id)}/away`, {
    periods,
    ...(away === undefined ? {} : { away }),
  });
  if (answer === undefined) return say('alert', (m) => m.failed);
  if (sessionEnded(answer)) return;
  refusal = undefined;
  if (answer.status === 200) {
    people = people.map((known) => (known.id === person.id ? answer.body.person : known));
    const name = person.name ?? person.id;
    say('status', (m) => format(m.awaySaved, { name }));
  } else {
    const message = reasonOf(answer.body);
    refusal = { personId: person.id, text: (m) => (answer.status === 403 ? m.refused_forbidden : format(m.invalid, { message })) };
  }
  renderAway();
}
