import type { PersonInReachView } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { type ConsoleMessages, format } from '../view/console-messages.ts';
import { loadPeople, peopleInReach } from './away-view.ts';
import { claimsOf } from './console-api.ts';
import { el } from './dom.ts';
import { byId, type ErrorBody, reasonOf, say, sessionEnded, state, t, callWithSession } from './state.ts';

type FormName = 'create' | 'move' | 'access';

/** A refused change, shown under the form it came from, with the API's reason. */
let refusal: { form: FormName; text: (m: ConsoleMessages) => string } | undefined;

const isAdmin = () => ((state.token ? claimsOf(state.token)['cognito:groups'] : undefined) ?? []).includes('admin');

/** Forgets the refusal of the session that ended. */
export function forgetAccounts(): void {
  refusal = undefined;
}

const REFUSAL_CODES = ['account_exists', 'already_listed', 'last_supervisor', 'unknown_person', 'unknown_team', 'account_not_found'] as const;
const refusalText = (answer: { status: number; body: ErrorBody | undefined }) => (m: ConsoleMessages) => {
  const code = REFUSAL_CODES.find((known) => known === answer.body?.error?.code);
  if (code !== undefined) return m[`refused_${code}`];
  if (answer.status === 403) return m.refused_forbidden;
  return format(m.invalid, { message: reasonOf(answer.body) });
};

const field = (id: string, label: string, control: HTMLElement) => el('div', { class: 'field' }, el('label', { for: id }, label), control);
const options = (entries: readonly (readonly [string, string])[]) => entries.map(([value, text]) => el('option', { value }, text));
const controlValue = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id)?.value ?? '';

/**
 * An admin's people and accounts: add a person with a sign-in account (the pool emails their
 * temporary password), move a supervisor to another team, and disable or enable a sign-in. Other
 * roles get no section: the accounts API refuses them.
 */
export function renderAccounts(): void {
  const section = byId('accounts');
  if (!section) return;
  if (!isAdmin()) {
    section.replaceChildren();
    return;
  }
  const m = t();
  const people = peopleInReach();
  const teams = [...new Set(people.flatMap(({ team }) => (team === undefined ? [] : [team])))].sort();
  const teamOptions = teams.map((team) => [team, team] as const);
  const personOptions = (listed: readonly PersonInReachView[]) =>
    listed.map((person) => [person.id, person.team === undefined ? (person.name ?? person.id) : `${person.name ?? person.id} (${person.team})`] as const);
  const refusalOf = (form: FormName) => (refusal?.form === form ? el('p', { class: 'refusal', role: 'alert' }, refusal.text(m)) : undefined);

  const create = el(
    'form',
    { class: 'account-form', 'aria-labelledby': 'create-account-heading' },
    el('h3', { id: 'create-account-heading' }, m.createAccountHeading),
    field('account-user', m.newUserName, el('input', { id: 'account-user', required: true, pattern: '[a-z0-9][a-z0-9\\-]{1,62}', autocomplete: 'off' })),
    field('account-name', m.fullName, el('input', { id: 'account-name', required: true, maxlength: '128', autocomplete: 'off' })),
    field('account-email', m.emailAddress, el('input', { id: 'account-email', type: 'email', required: true, autocomplete: 'off' })),
    field(
      'account-role',
      m.role,
      el(
        'select',
        { id: 'account-role' },
        ...options([
          ['supervisor', m.place_supervisor],
          ['lead', m.place_lead],
          ['admin', m.role_admin],
        ]),
      ),
    ),
    field('account-team', m.team, el('select', { id: 'account-team' }, ...options(teamOptions))),
    el('p', { class: 'hint' }, m.createAccountHint),
    el('button', { type: 'submit' }, m.createAccount),
    refusalOf('create'),
  );
  create.addEventListener('submit', (event) => {
    event.preventDefault();
    const role = controlValue('account-role');
    const account = { user: controlValue('account-user'), name: controlValue('account-name'), email: controlValue('account-email'), role };
    void change('create', 'POST', '/accounts', role === 'admin' ? account : { ...account, team: controlValue('account-team') }, (messages) =>
      format(messages.accountCreated, { name: account.name, email: account.email }),
    );
  });

  const supervisors = people.filter(({ place }) => place === 'supervisor');
  const move = el(
    'form',
    { class: 'account-form', 'aria-labelledby': 'move-account-heading' },
    el('h3', { id: 'move-account-heading' }, m.moveAccountHeading),
    field('account-move-person', m.place_supervisor, el('select', { id: 'account-move-person' }, ...options(personOptions(supervisors)))),
    field('account-move-team', m.moveToTeam, el('select', { id: 'account-move-team', required: true }, ...options([['', m.chooseTeam], ...teamOptions]))),
    el('button', { type: 'submit' }, m.moveAccount),
    refusalOf('move'),
  );
  move.addEventListener('submit', (event) => {
    event.preventDefault();
    const person = supervisors.find(({ id }) => id === controlValue('account-move-person'));
    const team = controlValue('account-move-team');
    if (person === undefined) return;
    void change('move', 'PUT', `/accounts/${encodeURIComponent(person.id)}/team`, { team }, (messages) =>
      format(messages.accountMoved, { name: person.name ?? person.id, team }),
    );
  });

  const access = el(
    'form',
    { class: 'account-form', 'aria-labelledby': 'access-heading' },
    el('h3', { id: 'access-heading' }, m.accessHeading),
    field('account-access-person', m.person, el('select', { id: 'account-access-person' }, ...options(personOptions(people)))),
    el('p', { class: 'hint' }, m.accessHint),
    el('button', { type: 'submit', value: 'disable', class: 'secondary' }, m.disableAccount),
    ' ',
    el('button', { type: 'submit', value: 'enable', class: 'secondary' }, m.enableAccount),
    refusalOf('access'),
  );
  access.addEventListener('submit', (event) => {
    event.preventDefault();
    const action = (event.submitter as HTMLButtonElement | null)?.value === 'enable' ? 'enable' : 'disable';
    const person = people.find(({ id }) => id === controlValue('account-access-person'));
    if (person === undefined) return;
    const name = person.name ?? person.id;
    void change('access', 'POST', `/accounts/${encodeURIComponent(person.id)}/${action}`, undefined, (messages) =>
      format(action === 'enable' ? messages.accountEnabled : messages.accountDisabled, { name }),
    );
  });

  // A re-render (a refusal, the language) keeps what the admin typed and chose; a success clears the new person's fields.
  const typed = FIELD_IDS.map((id) => [id, controlValue(id)] as const);
  section.replaceChildren(el('h2', { id: 'accounts-heading' }, m.accountsHeading), create, move, access);
  for (const [id, value] of typed) {
    const control = byId<HTMLInputElement | HTMLSelectElement>(id);
    if (control && value !== '' && !(cleared && NEW_PERSON_IDS.includes(id))) control.value = value;
  }
  cleared = false;
}

const NEW_PERSON_IDS = ['account-user', 'account-name', 'account-email'];
const FIELD_IDS = [...NEW_PERSON_IDS, 'account-role', 'account-team', 'account-move-person', 'account-move-team', 'account-access-person'];
/** Set by a created account: the next render leaves the new person's fields empty. */
let cleared = false;

async function change(form: FormName, method: 'POST' | 'PUT', path: string, body: unknown, done: (m: ConsoleMessages) => string): Promise<void> {
  const answer = await callWithSession<ErrorBody>(method, path, body ?? {});
  if (answer === undefined) return say('alert', (m) => m.failed);
  if (sessionEnded(answer)) return;
  if (answer.status === 200 || answer.status === 201) {
    refusal = undefined;
    cleared = form === 'create';
    say('status', done);
    // The directory changed: the away dates and these lists show who is where now.
    await loadPeople();
  } else {
    refusal = { form, text: refusalText(answer) };
  }
  renderAccounts();
}
