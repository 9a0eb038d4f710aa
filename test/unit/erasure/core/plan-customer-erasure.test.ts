import { describe, expect, it } from 'vitest';
import { erasureRecordOf } from '../../../../functions/erasure/core/erasure-record.ts';
import { erasureSubjectOf } from '../../../../functions/erasure/core/erasure-subject.ts';
import { ERASED_TEXT, type ErasureUpdate, type FoundItem, kindOf, planCustomerErasure } from '../../../../functions/erasure/core/plan-customer-erasure.ts';
import { changeOf } from '../../../../functions/reports/core/counter-tally.ts';

const EMAIL = 'aiko.tanaka@example.jp';
const NAME = '田中 愛子';
const COMMENT = '田中さんの対応は遅すぎました。aiko.tanaka@example.jp まで連絡ください。';
const at = '2026-11-25T10:00:00.000Z';
const reportedAs = { team: 'japan-support', agentId: 'agent-7', product: 'billing', region: 'APAC', language: 'ja', tier: 'premium' };

// One item of every kind a customer has, as the pipeline writes them.
const customerItems = (): FoundItem[] => [
  { pk: 'CUSTOMER#cust-1', sk: 'CONTACT', customerId: 'cust-1', email: EMAIL, name: NAME, tier: 'premium', lastSeenAt: at, gsi1pk: 'SEEN#2026-11' },
  { pk: 'CUSTOMER#cust-1', sk: 'HISTORY', lastPostResolutionSurveyAt: at },
  { pk: 'CUSTOMER#cust-1', sk: `DECISION#${at}#scheduled#inv-2`, event: 'scheduled', customerId: 'cust-1', invitationId: 'inv-2', decidedAt: at },
  {
    pk: 'COMPLAINT#cmp-1',
    sk: 'COMPLAINT',
    complaintId: 'cmp-1',
    reference: 'CMP-ABCD1234',
    status: 'resolved',
    category: 'attitude',
    acceptedAt: at,
    receivedAt: at,
    email: EMAIL,
    name: NAME,
    description: COMMENT,
    resolution: `${NAME}様、申し訳ありませんでした。`,
    resolvedAt: at,
    customerId: 'cust-1',
    expiresAt: 1_900_000_000,
  },
  {
    pk: 'INVITATION#inv-1',
    sk: 'INVITATION',
    invitationId: 'inv-1',
    customerId: 'cust-1',
    kind: 'post_resolution',
    state: 'answered',
    scheduledFor: at,
    sentAt: at,
    reportedAs,
  },
  { pk: 'CASE#CASE-1', sk: 'INVITATION', invitationId: 'inv-1', customerId: 'cust-1', state: 'sent' },
  { pk: 'CASE#CASE-1', sk: 'CONTEXT', caseId: 'CASE-1', customerId: 'cust-1', tier: 'premium', resolvedAt: at },
  {
    pk: 'INVITATION#inv-1',
    sk: 'RESPONSE',
    responseId: 'resp-1',
    invitationId: 'inv-1',
    status: 'confirmed',
    source: 'page',
    answer: { csat: 1, reasons: ['speed'], comment: COMMENT },
    firstAnsweredAt: at,
    updatedAt: at,
    confirmedAt: at,
    surveyKind: 'post_resolution',
    reportedAs,
  },
  { pk: 'ESCALATION_REQUEST#resp-1', sk: 'ESCALATION_REQUEST', responseId: 'resp-1', csat: 1, comment: COMMENT, customerId: 'cust-1', requestedAt: at },
  {
    pk: 'ESCALATION#cmp-1',
    sk: 'ESCALATION',
    id: 'cmp-1',
    reference: 'CMP-ABCD1234',
    version: 4,
    team: 'japan-support',
    tier: 'premium',
    region: 'APAC',
    severity: 'high',
    guaranteed: true,
    level: 1,
    assignee: 'sv-aiko',
    status: 'resolved',
    createdAt: at,
    ackDueAt: at,
    warnAt: at,
    resolveDueAt: at,
    warned: false,
    breached: false,
    acknowledgedAt: at,
    resolvedAt: at,
    resolution: `${NAME}様、申し訳ありませんでした。`,
  },
  { pk: 'ESCALATION#cmp-1', sk: `AUDIT#${at}#000002`, at, actor: 'sv-aiko', action: 'note', detail: { text: `Called ${NAME}` } },
  { pk: 'ESCALATION#cmp-1', sk: `AUDIT#${at}#000003`, at, actor: 'sv-aiko', action: 'resolve', detail: { resolution: 'Apologised', resolvedOver: 'sv-ken' } },
  { pk: 'ESCALATION#cmp-1', sk: `AUDIT#${at}#000001`, at, actor: 'escalation-rules', action: 'open', detail: { assignee: 'sv-aiko', level: '1' } },
  { pk: 'NOTIFICATION#cmp-1#complaint_resolved#1', sk: 'NOTIFICATION', notificationId: 'cmp-1#complaint_resolved#1', kind: 'complaint_resolved', level: 1 },
];

// The table after the updates, as DynamoDB would apply them.
const applied = (items: readonly FoundItem[], updates: readonly ErasureUpdate[]): FoundItem[] =>
  items.flatMap((item) => {
    const update = updates.find((candidate) => candidate.key.pk === item.pk && candidate.key.sk === item.sk);
    if (update === undefined) return [item];
    if (update.action === 'delete') return [];
    const next = structuredClone(item) as Record<string, any>;
    for (const path of update.remove) delete path.slice(0, -1).reduce((value, name) => value[name], next)[path.at(-1)!];
    for (const path of update.replace) path.slice(0, -1).reduce((value, name) => value[name], next)[path.at(-1)!] = ERASED_TEXT;
    if (update.expectedVersion !== undefined) next['version'] = update.expectedVersion + 1;
    return [{ ...next, erasedAt: '2026-12-01T00:00:00.000Z' } as unknown as FoundItem];
  });

describe('planCustomerErasure', () => {
  it('plans one change for each kind that holds the customer’s email, name or words, and none for the rest', () => {
    const plan = planCustomerErasure(customerItems());
    const byKey = Object.fromEntries(plan.updates.map((update) => [`${update.key.pk}|${update.key.sk}`, update]));
    expect(byKey['CUSTOMER#cust-1|CONTACT']).toMatchObject({ kind: 'contact', action: 'delete' });
    expect(byKey['COMPLAINT#cmp-1|COMPLAINT']).toMatchObject({
      kind: 'complaint',
      remove: [['email'], ['name'], ['resolution']],
      replace: [['description']],
    });
    expect(byKey['INVITATION#inv-1|RESPONSE']).toMatchObject({ kind: 'response', remove: [['answer', 'comment']] });
    expect(byKey['ESCALATION_REQUEST#resp-1|ESCALATION_REQUEST']).toMatchObject({ kind: 'escalation_request', remove: [['comment']] });
    // Versioned: a supervisor's write of the escalation read before the erasure fails its condition.
    expect(byKey['ESCALATION#cmp-1|ESCALATION']).toMatchObject({ kind: 'escalation', remove: [['resolution']], expectedVersion: 4 });
    expect(byKey[`ESCALATION#cmp-1|AUDIT#${at}#000002`]).toMatchObject({ kind: 'audit_entry', remove: [], replace: [['detail', 'text']] });
    expect(byKey[`ESCALATION#cmp-1|AUDIT#${at}#000003`]).toMatchObject({ kind: 'audit_entry', replace: [['detail', 'resolution']] });
    expect(plan.updates).toHaveLength(7);
    expect(plan.checked).toEqual({
      contact: 1,
      history: 1,
      decision: 1,
      complaint: 1,
      invitation: 1,
      case_pointer: 1,
      case_context: 1,
      response: 1,
      escalation_request: 1,
      escalation: 1,
      audit_entry: 3,
      outbox: 1,
    });
    expect(plan.changed).toEqual({ contact: 1, complaint: 1, response: 1, escalation_request: 1, escalation: 1, audit_entry: 2 });
  });

  it('changes the items that lead from the address to the rest last, so a run stopped half-way and run again by the address finds what is left', () => {
    const kinds = planCustomerErasure(customerItems()).updates.map(({ kind }) => kind);
    expect(kinds.slice(-2)).toEqual(['complaint', 'contact']);
    // Stopped before its last two writes: the complaint still holds the email, the contact the id.
    const { updates } = planCustomerErasure(customerItems());
    const partly = applied(customerItems(), updates.slice(0, -2));
    expect(partly.some((item) => item.pk === 'CUSTOMER#cust-1' && item.sk === 'CONTACT')).toBe(true);
    expect(planCustomerErasure(partly).updates.map(({ kind }) => kind)).toEqual(['complaint', 'contact']);
  });

  it('leaves no trace of the email, the name or the comment, and keeps scores, reasons, statuses and what answers are reported under', () => {
    const after = applied(customerItems(), planCustomerErasure(customerItems()).updates);
    const text = JSON.stringify(after);
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain('田中');
    expect(after.find((item) => item.sk === 'RESPONSE')).toMatchObject({ answer: { csat: 1, reasons: ['speed'] }, status: 'confirmed', reportedAs });
    // The supervisor API's view of a complaint requires a description.
    expect(after.find((item) => item.sk === 'COMPLAINT')).toMatchObject({
      status: 'resolved',
      category: 'attitude',
      description: ERASED_TEXT,
      expiresAt: 1_900_000_000,
    });
    expect(after.find((item) => item.sk === `AUDIT#${at}#000003`)).toMatchObject({ detail: { resolution: ERASED_TEXT, resolvedOver: 'sv-ken' } });
  });

  it('moves no report counter: every erased item counts as it did', () => {
    const before = customerItems();
    const after = applied(before, planCustomerErasure(before).updates);
    for (const item of before) {
      const erased = after.find((candidate) => candidate.pk === item.pk && candidate.sk === item.sk);
      if (erased !== undefined) expect(changeOf(item, erased), `${item.pk} ${item.sk}`).toEqual(new Map());
    }
  });

  it('plans nothing on a second run: the erasure is idempotent', () => {
    const once = applied(customerItems(), planCustomerErasure(customerItems()).updates);
    const again = planCustomerErasure(once);
    expect(again.updates).toEqual([]);
    expect(again.changed).toEqual({});
    expect(again.checked).toMatchObject({ complaint: 1, response: 1, audit_entry: 3 });
  });

  it('plans nothing for items that hold nothing personal, and nothing at all for no items', () => {
    const invitationOnly = customerItems().filter((item) => item.sk === 'INVITATION' || item.sk === 'CONTEXT' || item.sk === 'HISTORY');
    expect(planCustomerErasure(invitationOnly).updates).toEqual([]);
    expect(planCustomerErasure([])).toEqual({ updates: [], checked: {}, changed: {} });
  });

  it('removes a stray email or name from any kind', () => {
    const plan = planCustomerErasure([{ pk: 'CASE#CASE-1', sk: 'CONTEXT', caseId: 'CASE-1', email: EMAIL, name: NAME }]);
    expect(plan.updates).toEqual([
      { kind: 'case_context', key: { pk: 'CASE#CASE-1', sk: 'CONTEXT' }, action: 'update', remove: [['email'], ['name']], replace: [] },
    ]);
  });

  it('reads a path through the item’s own fields only', () => {
    const plan = planCustomerErasure([{ pk: 'INVITATION#i', sk: 'RESPONSE', answer: { csat: 3 } }]);
    expect(plan.updates).toEqual([]);
    expect(kindOf({ pk: 'ROUND_ROBIN', sk: 'ESCALATION' })).toBe('other');
  });
});

describe('erasureSubjectOf', () => {
  it.each([
    ['Aiko.Tanaka@Example.JP', { kind: 'email', email: 'aiko.tanaka@example.jp' }],
    ['cust-42', { kind: 'id', id: 'cust-42' }],
    [' cust-42 ', { kind: 'id', id: 'cust-42' }],
    ['', undefined],
    [undefined, undefined],
    ['two words', undefined],
    ['a@b@c', undefined],
  ])('reads %j as %j', (operand, subject) => {
    expect(erasureSubjectOf(operand)).toEqual(subject);
  });
});

describe('erasureRecordOf', () => {
  it('holds the subject’s hash, the time and the counts, and nothing personal', () => {
    const plan = planCustomerErasure(customerItems());
    const record = erasureRecordOf('ab'.repeat(32), 1, plan, new Date(at));
    expect(record).toEqual({ subjectHash: 'ab'.repeat(32), erasedAt: at, customers: 1, checked: plan.checked, changed: plan.changed });
    expect(JSON.stringify(record)).not.toContain(EMAIL);
  });
});
