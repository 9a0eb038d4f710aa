import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbCaseIntakeStore } from '../../../functions/surveys/adapters/dynamodb-case-intake-store.ts';
import { DynamoDbSurveyDispatchStore } from '../../../functions/surveys/adapters/dynamodb-survey-dispatch-store.ts';
import type { CaseResolved } from '../../../functions/surveys/contracts/case-resolved.ts';
import { surveyPolicySettingsSchema } from '../../../functions/surveys/contracts/survey-policy-settings.ts';
import { decideInvitation, type InvitationDecision } from '../../../functions/surveys/core/decide-invitation.ts';
import type { SurveyInvitation } from '../../../functions/surveys/core/customer-survey-history.ts';
import { recordSentAsTheMailer } from '../../helpers/record-sent-as-the-mailer.ts';
import { recordingDynamoDbClient } from '../helpers/pipeline-connection.ts';

// The pipeline's own table, created from the synthesized template: the key design is tested
// against the real schema and indexes on DynamoDB Local.
const { dynamodbEndpoint, tableName } = inject('pipeline');
const client = new DynamoDBClient({ endpoint: dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
// The case intake's store schedules, the dispatcher's finds what is due, the mailer's records it sent.
const store = new DynamoDbCaseIntakeStore(client, tableName);
const dispatch = new DynamoDbSurveyDispatchStore(client, tableName);
const settings = surveyPolicySettingsSchema.parse({});
const HOUR = 3_600_000;

const resolvedCase = (overrides: Partial<CaseResolved> = {}): CaseResolved => ({
  caseId: `CASE-${randomUUID()}`,
  resolvedAt: '2026-03-01T10:00:00.000Z',
  customer: { id: `cust-${randomUUID()}`, email: 'ada@example.com', tier: 'standard' },
  ...overrides,
});

/** What the case intake will do: load the history, decide, and schedule or record the skip. */
const resolve = async (caseResolved: CaseResolved, now: Date) => {
  const decision = decideInvitation(caseResolved, await store.loadCustomerHistory(caseResolved.customer.id), settings, now);
  if (decision.kind === 'scheduled') return { decision, outcome: await store.scheduleInvitation(decision) };
  await store.recordSkip(caseResolved.caseId, decision.record);
  return { decision, outcome: undefined };
};

const scheduledDecision = (decision: InvitationDecision) => {
  if (decision.kind !== 'scheduled') throw new Error(`expected a scheduled decision, got ${decision.kind} (${decision.reason})`);
  return decision;
};

const allDueIds = async (now: Date, limit = 25) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await dispatch.findDueInvitations(now, limit, cursor);
    ids.push(...page.invitations.map((invitation) => invitation.invitationId));
    cursor = page.cursor;
  } while (cursor);
  return ids;
};

const at = (iso: string, offsetMs = 0) => new Date(Date.parse(iso) + offsetMs);

describe('the DynamoDB survey stores on the pipeline table', () => {
  it('finds an invitation due only once its time has come, and no longer once it is sent', async () => {
    const caseResolved = resolvedCase();
    const { decision, outcome } = await resolve(caseResolved, at(caseResolved.resolvedAt, HOUR));
    const { invitation } = scheduledDecision(decision);
    expect(outcome).toEqual({ kind: 'scheduled', invitation });

    expect(await allDueIds(at(invitation.scheduledFor, -1))).not.toContain(invitation.invitationId);
    expect(await allDueIds(at(invitation.scheduledFor))).toContain(invitation.invitationId);

    expect(await recordSentAsTheMailer(client, tableName, invitation, at(invitation.scheduledFor, 5_000))).toBe('sent');
    expect(await allDueIds(at(invitation.scheduledFor, HOUR))).not.toContain(invitation.invitationId);
    expect(await recordSentAsTheMailer(client, tableName, invitation, at(invitation.scheduledFor, 6_000))).toBe('not_sent');

    const history = await store.loadCustomerHistory(caseResolved.customer.id);
    expect(history.lastPostResolutionSurveyAt).toBe(at(invitation.scheduledFor, 5_000).toISOString());
    expect(history.invitationsByCaseId[caseResolved.caseId]).toMatchObject({ state: 'sent', sentAt: at(invitation.scheduledFor, 5_000).toISOString() });
  });

  it('answers a retry of the same decision as the first, and refuses another invitation for the case', async () => {
    const caseResolved = resolvedCase();
    const first = scheduledDecision((await resolve(caseResolved, at(caseResolved.resolvedAt, HOUR))).decision);
    const retried = await store.scheduleInvitation({ ...first, record: { ...first.record, decidedAt: at(caseResolved.resolvedAt, 2 * HOUR).toISOString() } });
    expect(retried).toEqual({ kind: 'scheduled', invitation: first.invitation });

    // A second invitation for the same case (another id) is refused by the case pointer's condition.
    const other = { ...first.invitation, invitationId: randomUUID() };
    const refused = await store.scheduleInvitation({
      ...first,
      invitationId: other.invitationId,
      invitation: other,
      record: { ...first.record, invitationId: other.invitationId },
    });
    expect(refused).toEqual({ kind: 'refused', reason: 'case_already_invited', existingInvitationId: first.invitationId });
    expect(await allDueIds(at(first.scheduledFor, HOUR))).not.toContain(other.invitationId);
    expect((await store.listDecisions(caseResolved.caseId)).map((record) => record.event)).toEqual(['scheduled']);
  });

  it('lets exactly one of two simultaneous schedulings for one case win', async () => {
    const caseResolved = resolvedCase();
    const history = await store.loadCustomerHistory(caseResolved.customer.id);
    const now = at(caseResolved.resolvedAt, HOUR);
    const one = scheduledDecision(decideInvitation(caseResolved, history, settings, now));
    const two = scheduledDecision(decideInvitation({ ...caseResolved, resolvedAt: at(caseResolved.resolvedAt, 60_000).toISOString() }, history, settings, now));
    expect(one.invitationId).not.toBe(two.invitationId);

    const outcomes = await Promise.all([store.scheduleInvitation(one), store.scheduleInvitation(two)]);
    expect(outcomes.filter((outcome) => outcome.kind === 'scheduled')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'refused' && outcome.reason === 'case_already_invited')).toHaveLength(1);
    const winner = outcomes.find((outcome) => outcome.kind === 'scheduled')!.invitation!;
    const stored = await store.loadCustomerHistory(caseResolved.customer.id);
    expect(stored.invitationsByCaseId[caseResolved.caseId]?.invitationId).toBe(winner.invitationId);
  });

  it('cancels a scheduled invitation on reopen, and a later resolution schedules afresh', async () => {
    const caseResolved = resolvedCase();
    const first = scheduledDecision((await resolve(caseResolved, at(caseResolved.resolvedAt, HOUR))).decision);

    const cancelled = await store.cancelForReopen(caseResolved.caseId, at(caseResolved.resolvedAt, 2 * HOUR));
    expect(cancelled).toMatchObject({ kind: 'cancelled', invitation: { invitationId: first.invitationId, state: 'cancelled' } });
    expect(await allDueIds(at(first.scheduledFor, HOUR))).not.toContain(first.invitationId);
    expect(await recordSentAsTheMailer(client, tableName, first.invitation, at(first.scheduledFor))).toBe('not_sent');
    expect(await store.cancelForReopen(caseResolved.caseId, at(caseResolved.resolvedAt, 3 * HOUR))).toMatchObject({ kind: 'kept' });

    const resolvedAgain = { ...caseResolved, resolvedAt: at(caseResolved.resolvedAt, 4 * HOUR).toISOString() };
    const { decision, outcome } = await resolve(resolvedAgain, at(resolvedAgain.resolvedAt, HOUR));
    const second = scheduledDecision(decision);
    expect(second.invitationId).not.toBe(first.invitationId);
    expect(outcome).toEqual({ kind: 'scheduled', invitation: second.invitation });
    expect(await allDueIds(at(second.scheduledFor))).toContain(second.invitationId);
  });

  it('lists a case’s decisions in the order they were made', async () => {
    const caseResolved = resolvedCase();
    const first = scheduledDecision((await resolve(caseResolved, at(caseResolved.resolvedAt, HOUR))).decision);
    const skipped = await resolve({ ...caseResolved, resolvedAt: at(caseResolved.resolvedAt, 60_000).toISOString() }, at(caseResolved.resolvedAt, 2 * HOUR));
    expect(skipped.decision).toMatchObject({ kind: 'skipped', reason: 'case_already_invited' });
    await store.cancelForReopen(caseResolved.caseId, at(caseResolved.resolvedAt, 3 * HOUR));

    const decisions = await store.listDecisions(caseResolved.caseId);
    expect(decisions.map(({ event, reason, invitationId }) => ({ event, reason, invitationId }))).toEqual([
      { event: 'scheduled', reason: undefined, invitationId: first.invitationId },
      { event: 'skipped', reason: 'case_already_invited', invitationId: undefined },
      { event: 'cancelled', reason: undefined, invitationId: first.invitationId },
    ]);
  });

  it('pages through more due invitations than one page holds, oldest first, each once', async () => {
    const base = Date.parse('2026-05-01T00:00:00.000Z');
    const scheduled: SurveyInvitation[] = [];
    for (let index = 0; index < 30; index++) {
      const caseResolved = resolvedCase({ resolvedAt: new Date(base + index * 60_000).toISOString() });
      scheduled.push(scheduledDecision((await resolve(caseResolved, new Date(base))).decision).invitation);
    }
    const now = new Date(base + 48 * HOUR);
    const pages: SurveyInvitation[][] = [];
    let cursor: string | undefined;
    do {
      const page = await dispatch.findDueInvitations(now, 7, cursor);
      expect(page.invitations.length).toBeLessThanOrEqual(7);
      pages.push([...page.invitations]);
      cursor = page.cursor;
    } while (cursor);

    const found = pages.flat();
    expect(pages.length).toBeGreaterThan(4);
    const ours = found.filter((invitation) => scheduled.some((mine) => mine.invitationId === invitation.invitationId));
    expect(ours.map((invitation) => invitation.invitationId)).toEqual(scheduled.map((invitation) => invitation.invitationId));
    const times = found.map((invitation) => invitation.scheduledFor);
    expect(times).toEqual([...times].sort());
  });
});

describe('DynamoDB requests per invitation', () => {
  it('takes 2 to load the history, 1 to schedule and 1 per due page', async () => {
    const { client: counted, sent, commands } = recordingDynamoDbClient(dynamodbEndpoint);
    const countedStore = new DynamoDbCaseIntakeStore(counted, tableName);
    const countedDispatch = new DynamoDbSurveyDispatchStore(counted, tableName);
    const countOf = async (act: () => Promise<unknown>) => {
      sent.length = 0;
      await act();
      return commands();
    };
    const caseResolved = resolvedCase();
    const now = at(caseResolved.resolvedAt, HOUR);
    let history = undefined as Awaited<ReturnType<typeof countedStore.loadCustomerHistory>> | undefined;
    expect(await countOf(async () => (history = await countedStore.loadCustomerHistory(caseResolved.customer.id)))).toEqual(['GetItemCommand', 'QueryCommand']);
    const decision = scheduledDecision(decideInvitation(caseResolved, history!, settings, now));
    expect(await countOf(() => countedStore.scheduleInvitation(decision))).toEqual(['TransactWriteItemsCommand']);
    expect(await countOf(() => countedDispatch.findDueInvitations(at(decision.scheduledFor), 25))).toEqual(['QueryCommand']);
  });
});
