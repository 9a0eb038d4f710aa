import { WEEKDAYS } from '../../../functions/escalation/contracts/weekdays.ts';
import type { RegionCalendarView } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { type ConsoleMessages, format } from '../view/console-messages.ts';
import { claimsOf } from './console-api.ts';
import { el } from './dom.ts';
import { button, byId, type ErrorBody, formatLocale, reasonOf, say, sessionEnded, state, t, callWithSession } from './state.ts';

/** The regions' calendars as `GET /calendars` last answered (admins only). */
let calendars: RegionCalendarView[] = [];
/** A refused change, shown beside that region's forms. */
let refusal: { region: string; text: (m: ConsoleMessages) => string } | undefined;

/** How far ahead the page lists a region's holidays: the coming year, not all three the library gives. */
const LISTED_DAYS = 366;

const isAdmin = () => {
  const groups = (state.token ? claimsOf(state.token)['cognito:groups'] : undefined) ?? [];
  return groups.includes('admin');
};

/** Loads the regions' calendars for an admin (others have no holiday page: the API refuses them). */
export async function loadCalendars(): Promise<void> {
  if (!state.token || !isAdmin()) return;
  const answer = await callWithSession<{ calendars: RegionCalendarView[] } & ErrorBody>('GET', '/calendars');
  if (answer === undefined) return say('alert', (m) => m.failed);
  if (sessionEnded(answer)) return;
  if (answer.status !== 200) return say('alert', (m) => m.failed);
  calendars = answer.body.calendars;
  renderHolidays();
}

/** Forgets the calendars of the session that ended. */
export function forgetCalendars(): void {
  calendars = [];
  refusal = undefined;
}

const dayText = (day: string) => new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** One section for an admin: each region's coming holidays, its changes, and a warning before its calendar ends. */
export function renderHolidays(): void {
  const section = byId('holidays');
  if (!section || calendars.length === 0) return;
  const m = t();
  section.replaceChildren(
    el('h2', { id: 'holidays-heading' }, m.holidaysHeading),
    el('p', { class: 'hint' }, m.holidaysIntro),
    ...calendars.map((calendar) => regionCard(calendar, m)),
  );
}

function regionCard(calendar: RegionCalendarView, m: ConsoleMessages): HTMLElement {
  const { region } = calendar;
  const horizon = new Date(Date.now() + LISTED_DAYS * 86_400_000).toISOString().slice(0, 10);
  const added = new Set(calendar.added);
  const change = (edit: { added: string[]; removed: string[] }) => void save(calendar, edit);
  const without = (days: readonly string[], day: string) => days.filter((kept) => kept !== day);
  const upcoming = calendar.upcoming.filter((day) => day <= horizon);
  const ids = { day: `holiday-day-${region}`, through: `holiday-through-${region}` };
  const addForm = el(
    'form',
    { class: 'inline-form', 'aria-label': format(m.addHolidayIn, { region }) },
    el('div', { class: 'field' }, el('label', { for: ids.day }, m.holidayDay), el('input', { id: ids.day, type: 'date', required: true })),
    el('button', { type: 'submit' }, m.addHoliday),
  );
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const day = byId<HTMLInputElement>(ids.day)?.value ?? '';
    // A day the team had chosen to work becomes a holiday again by leaving the removed list.
    change(
      calendar.removed.includes(day)
        ? { added: [...calendar.added], removed: without(calendar.removed, day) }
        : { added: [...calendar.added, day], removed: [...calendar.removed] },
    );
  });
  const throughForm = el(
    'form',
    { class: 'inline-form', 'aria-label': format(m.setCoveredThroughIn, { region }) },
    el(
      'div',
      { class: 'field' },
      el('label', { for: ids.through }, m.coveredThrough),
      el('input', { id: ids.through, type: 'date', required: true, value: calendar.holidaysThrough ?? '' }),
    ),
    el('button', { type: 'submit', class: 'secondary' }, m.setCoveredThrough),
  );
  throughForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(calendar, { added: [...calendar.added], removed: [...calendar.removed] }, byId<HTMLInputElement>(ids.through)?.value ?? '');
  });
  return el(
    'article',
    { class: 'region', 'data-region': region, 'aria-labelledby': `region-${region}` },
    el('h3', { id: `region-${region}` }, region, ' ', el('small', {}, calendar.timeZone)),
    ...weekSection(calendar, m),
    el('h4', {}, m.holidaysOf),
    calendar.holidaysThrough === undefined
      ? el('p', {}, m.noHolidays)
      : el(
          'p',
          { class: calendar.endingSoon ? 'calendar-ending' : undefined, role: calendar.endingSoon ? 'alert' : undefined },
          format(calendar.endingSoon ? m.calendarEnding : m.calendarCovers, { day: dayText(calendar.holidaysThrough), days: String(calendar.daysLeft ?? 0) }),
        ),
    upcoming.length === 0
      ? el('p', {}, m.noUpcomingHolidays)
      : el(
          'ul',
          { class: 'holiday-list', 'aria-label': format(m.upcomingHolidaysIn, { region }) },
          ...upcoming.map((day) =>
            el(
              'li',
              {},
              dayText(day),
              added.has(day) ? ` (${m.holidayAdded})` : '',
              ' ',
              button(
                m.remove,
                () =>
                  change(
                    added.has(day)
                      ? { added: without(calendar.added, day), removed: [...calendar.removed] }
                      : { added: [...calendar.added], removed: [...calendar.removed, day] },
                  ),
                { class: 'secondary', 'aria-label': `${m.remove}: ${dayText(day)}` },
              ),
            ),
          ),
        ),
    calendar.removed.length === 0
      ? undefined
      : el(
          'p',
          { class: 'worked-days' },
          `${m.workedDays} `,
          ...calendar.removed.flatMap((day) => [
            dayText(day),
            ' ',
            button(m.restoreHoliday, () => change({ added: [...calendar.added], removed: without(calendar.removed, day) }), {
              class: 'secondary',
              'aria-label': `${m.restoreHoliday}: ${dayText(day)}`,
            }),
            ' ',
          ]),
        ),
    addForm,
    throughForm,
    refusal?.region === region ? el('p', { class: 'refusal', role: 'alert' }, refusal.text(m)) : undefined,
  );
}

async function save(calendar: RegionCalendarView, edit: { added: string[]; removed: string[] }, through?: string): Promise<void> {
  // The whole change goes back: the last covered day as the page shows it keeps an earlier extension.
  const holidaysThrough = through || calendar.holidaysThrough;
  const { region } = calendar;
  await put(calendar, 'holidays', { ...edit, ...(holidaysThrough === undefined ? {} : { holidaysThrough }) }, (m) => format(m.holidaysSaved, { region }));
}

async function put(calendar: RegionCalendarView, part: 'holidays' | 'hours', body: unknown, saved: (m: ConsoleMessages) => string): Promise<void> {
  if (!state.token) return;
  const answer = await callWithSession<{ calendar: RegionCalendarView } & ErrorBody>('PUT', `/calendars/${encodeURIComponent(calendar.region)}/${part}`, body);
  if (answer === undefined) return say('alert', (m) => m.failed);
  if (sessionEnded(answer)) return;
  refusal = undefined;
  if (answer.status === 200) {
    calendars = calendars.map((known) => (known.region === calendar.region ? answer.body.calendar : known));
    say('status', saved);
  } else {
    const message = reasonOf(answer.body);
    refusal = { region: calendar.region, text: (m) => format(m.invalid, { message }) };
  }
  renderHolidays();
}

// 6 December 2026 is a Sunday: WEEKDAYS' order from there, named in the viewer's language.
const weekdayName = (index: number) =>
  new Intl.DateTimeFormat(formatLocale(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 11, 6 + index)));

/** The region's working week as the SLA clocks count it, and a form to set it (days, and one or two windows a day). */
function weekSection(calendar: RegionCalendarView, m: ConsoleMessages): HTMLElement[] {
  const { region } = calendar;
  const id = (part: string) => `week-${part}-${region}`;
  const days = WEEKDAYS.flatMap((day, index) => (calendar.workingDays.includes(day) ? [weekdayName(index)] : [])).join(', ');
  const hours = calendar.hours.map(({ from, to }) => `${from}\u2013${to}`).join(', ');
  const [first, second] = calendar.hours;
  const time = (part: string, label: string, value: string | undefined, required: boolean) =>
    el('div', { class: 'field' }, el('label', { for: id(part) }, label), el('input', { id: id(part), type: 'time', required, value: value ?? '' }));
  const form = el(
    'form',
    { class: 'week-form', 'aria-label': format(m.setWorkingWeekIn, { region }) },
    el(
      'fieldset',
      {},
      el('legend', {}, m.workingDaysLegend),
      ...WEEKDAYS.map((day, index) =>
        el('label', { class: 'day' }, el('input', { id: id(day), type: 'checkbox', checked: calendar.workingDays.includes(day) }), ` ${weekdayName(index)} `),
      ),
    ),
    time('opens', m.opens, first?.from, true),
    time('closes', m.closes, first?.to, true),
    time('reopens', m.reopens, second?.from, false),
    time('recloses', m.recloses, second?.to, false),
    el('button', { type: 'submit', class: 'secondary' }, m.saveWorkingWeek),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (part: string) => byId<HTMLInputElement>(id(part))?.value ?? '';
    const windows = [
      { from: value('opens'), to: value('closes') },
      { from: value('reopens'), to: value('recloses') },
    ].filter(({ from, to }) => from !== '' || to !== '');
    const workingDays = WEEKDAYS.filter((day) => byId<HTMLInputElement>(id(day))?.checked === true);
    void put(calendar, 'hours', { workingDays, hours: windows }, (messages) => format(messages.workingWeekSaved, { region }));
  });
  return [
    el('h4', {}, m.workingWeek),
    el('p', { class: 'working-week' }, format(m.workingWeekNow, { days, hours, source: calendar.weekChanged ? m.weekByAdmin : m.weekAsDeployed })),
    form,
  ];
}
