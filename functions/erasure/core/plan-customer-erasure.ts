/** A table item as found for a customer: its keys and whatever it holds. */
export type FoundItem = Readonly<Record<string, unknown>> & { readonly pk: string; readonly sk: string };

/** The item kinds an erasure looks at, as the erasure record counts them. */
const ERASABLE_KINDS = [
  'contact',
  'history',
  'complaint',
  'invitation',
  'case_pointer',
  'case_context',
  'decision',
  'response',
  'escalation_request',
  'escalation',
  'audit_entry',
  'outbox',
  'other',
] as const;
type ErasableKind = (typeof ERASABLE_KINDS)[number];

/**
 * One change to one item: delete it, or remove the attribute paths that hold personal data and
 * mark it `erasedAt`. `expectedVersion` guards a versioned item (an escalation) against a writer
 * that read it before the erasure and would put the text back; the update moves it on by one.
 */
export type ErasureUpdate =
  | { readonly kind: ErasableKind; readonly key: { readonly pk: string; readonly sk: string }; readonly action: 'delete' }
  | {
      readonly kind: ErasableKind;
      readonly key: { readonly pk: string; readonly sk: string };
      readonly action: 'update';
      /** Attribute paths to remove, each a list of names (`['answer', 'comment']`). */
      readonly remove: readonly (readonly string[])[];
      /** Attribute paths to overwrite with a marker, for text a reader expects to find (an audit note). */
      readonly replace: readonly (readonly string[])[];
      readonly expectedVersion?: number;
    };

/** What an erasure will change: the updates, and per kind how many items were looked at and changed. */
export interface CustomerErasurePlan {
  readonly updates: readonly ErasureUpdate[];
  readonly checked: Readonly<Partial<Record<ErasableKind, number>>>;
  readonly changed: Readonly<Partial<Record<ErasableKind, number>>>;
}

/** What stands in for erased text a reader needs to find: the console still shows that there was a note, a description. */
export const ERASED_TEXT = '(erased)';

/**
 * Which kind an item is, by its keys (docs/table-design.md).
 *
 * @internal exported for its tests only
 */
export const kindOf = ({ pk, sk }: { readonly pk: string; readonly sk: string }): ErasableKind => {
  if (pk.startsWith('CUSTOMER#')) return sk === 'CONTACT' ? 'contact' : sk === 'HISTORY' ? 'history' : sk.startsWith('DECISION#') ? 'decision' : 'other';
  if (pk.startsWith('COMPLAINT#')) return 'complaint';
  if (pk.startsWith('INVITATION#')) return sk === 'RESPONSE' ? 'response' : 'invitation';
  if (pk.startsWith('CASE#'))
    return sk === 'INVITATION' ? 'case_pointer' : sk === 'CONTEXT' ? 'case_context' : sk.startsWith('DECISION#') ? 'decision' : 'other';
  if (pk.startsWith('ESCALATION_REQUEST#')) return 'escalation_request';
  if (pk.startsWith('ESCALATION#')) return sk.startsWith('AUDIT#') ? 'audit_entry' : 'escalation';
  if (pk.startsWith('NOTIFICATION#')) return 'outbox';
  return 'other';
};

// The attributes of each kind that hold the customer's email, name or words. Every kind also
// loses a top-level `email` or `name`, should one ever be written there.
const PERSONAL_PATHS: Readonly<Record<ErasableKind, readonly (readonly string[])[]>> = {
  contact: [],
  history: [],
  complaint: [['resolution']],
  invitation: [],
  case_pointer: [],
  case_context: [],
  decision: [],
  response: [['answer', 'comment']],
  escalation_request: [['comment']],
  escalation: [['resolution']],
  audit_entry: [],
  outbox: [],
  other: [],
};

// Text overwritten with ERASED_TEXT rather than removed: a complaint's description, which the
// supervisor API's view of a complaint requires, and the free text a supervisor wrote in an audit
// entry (a note, a resolution), which may quote or name the customer.
const REPLACED_PATHS: Readonly<Partial<Record<ErasableKind, readonly (readonly string[])[]>>> = {
  complaint: [['description']],
  audit_entry: [
    ['detail', 'text'],
    ['detail', 'resolution'],
    ['detail', 'reason'],
  ],
};

const valueAt = (item: Readonly<Record<string, unknown>>, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (value, name) => (typeof value === 'object' && value !== null && Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined),
    item,
  );

const planFor = (item: FoundItem): ErasureUpdate | undefined => {
  const kind = kindOf(item);
  const key = { pk: item.pk, sk: item.sk };
  // The contact is nothing but how to reach the customer: it goes whole. The mailer treats a
  // customer without one as unreachable and closes their pending invitations.
  if (kind === 'contact') return { kind, key, action: 'delete' };
  const remove = [['email'], ['name'], ...PERSONAL_PATHS[kind]].filter((path) => valueAt(item, path) !== undefined);
  const replace = (REPLACED_PATHS[kind] ?? []).filter((path) => {
    const text = valueAt(item, path);
    return typeof text === 'string' && text !== ERASED_TEXT;
  });
  if (remove.length === 0 && replace.length === 0) return undefined;
  const version = kind === 'escalation' && typeof item['version'] === 'number' ? item['version'] : undefined;
  return { kind, key, action: 'update', remove, replace, ...(version === undefined ? {} : { expectedVersion: version }) };
};

/**
 * Plans a customer's erasure from every item found for them: the contact goes; a complaint loses
 * the email, name and resolution, and its description reads {@link ERASED_TEXT}; a response its comment, an escalation request its
 * comment, an escalation its resolution, an audit entry its note and resolution text (replaced by
 * {@link ERASED_TEXT}); any item loses a stray `email` or `name`. Scores, reasons, timestamps,
 * statuses and what answers are reported under stay, so the report counters move nothing. Pure
 * and idempotent: items already erased plan nothing, so a second run has no updates.
 *
 * @example
 * ```ts
 * planCustomerErasure([{ pk: 'INVITATION#i-1', sk: 'RESPONSE', answer: { csat: 4, comment: 'Aiko was great' } }]);
 * // { updates: [{ kind: 'response', action: 'update', remove: [['answer', 'comment']], … }], checked: { response: 1 }, changed: { response: 1 } }
 * ```
 */
export const planCustomerErasure = (items: readonly FoundItem[]): CustomerErasurePlan => {
  const checked = new Map<ErasableKind, number>();
  const changed = new Map<ErasableKind, number>();
  const updates: ErasureUpdate[] = [];
  for (const item of items) {
    const kind = kindOf(item);
    checked.set(kind, (checked.get(kind) ?? 0) + 1);
    const update = planFor(item);
    if (update === undefined) continue;
    updates.push(update);
    changed.set(kind, (changed.get(kind) ?? 0) + 1);
  }
  return { updates: [...updates].sort((a, b) => linkOrder(a) - linkOrder(b)), checked: Object.fromEntries(checked), changed: Object.fromEntries(changed) };
};

// The items that lead from an address to the rest go last: a complaint (found by its email) leads
// to its escalation, the contact (the only way from an address to a customer id) to every survey
// item. A run that stops half-way and is run again by the address then still finds what is left.
const linkOrder = (update: ErasureUpdate) => (update.kind === 'contact' ? 2 : update.kind === 'complaint' ? 1 : 0);
