import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbSurveyAnswerStore } from '../../../functions/surveys/adapters/dynamodb-survey-answer-store.ts';
import { DynamoDbCaseIntakeStore } from '../../../functions/surveys/adapters/dynamodb-case-intake-store.ts';
import { recordSurveyAnswer, type SurveyResponse } from '../../../functions/surveys/core/record-survey-answer.ts';
import { sendInvitation } from '../../helpers/survey-invitations.ts';
import { connectTo, recordingDynamoDbClient } from '../helpers/pipeline-connection.ts';

// The answer store's conditions on the pipeline's own table in DynamoDB Local.
const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const world = { ...pipeline, dynamodb: api.dynamodb };
const store = new DynamoDbSurveyAnswerStore(api.dynamodb, pipeline.tableName);

/** A client on the pipeline's DynamoDB Local that lists every command it sends, with its input. */
const recordingClient = () => recordingDynamoDbClient(pipeline.dynamodbEndpoint);

const cancel = (invitationId: string) =>
  api.dynamodb.send(
    new UpdateItemCommand({
      TableName: pipeline.tableName,
      Key: { pk: { S: `INVITATION#${invitationId}` }, sk: { S: 'INVITATION' } },
      UpdateExpression: 'SET #state = :cancelled',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':cancelled': { S: 'cancelled' } },
    }),
  );

const answerAt = async (invitationId: string, source: 'page' | 'one_click', csat: number, at: Date) => {
  const invitation = (await store.loadInvitation(invitationId))!;
  const decision = recordSurveyAnswer({ invitation, existing: await store.loadResponse(invitationId), answer: { csat }, source, now: at });
  if (decision.kind !== 'recorded') throw new Error(decision.kind);
  return { invitation, decision };
};

describe('the DynamoDB survey answer store on the pipeline table', () => {
  it('reads the invitation, the customer’s language and no response before the first answer', async () => {
    const sent = await sendInvitation(world, { locale: 'ja' });
    expect(await store.loadInvitation(sent.invitation.invitationId)).toEqual(sent.invitation);
    expect(await store.loadCustomerLocale(sent.customerId)).toBe('ja');
    expect(await store.loadResponse(sent.invitation.invitationId)).toBeUndefined();
    expect(await store.loadInvitation('00000000-0000-8000-8000-000000000000')).toBeUndefined();
  });

  it('refuses to replace a newer answer with an older one (a late redelivery)', async () => {
    const sent = await sendInvitation(world);
    const id = sent.invitation.invitationId;
    const newer = await answerAt(id, 'page', 5, new Date());
    const older = await answerAt(id, 'page', 1, new Date(Date.now() - 60_000));
    expect(await store.saveResponse(newer.decision.response, { invitation: newer.invitation, record: newer.decision.record })).toBe('saved');
    const stale: SurveyResponse = { ...older.decision.response, updatedAt: new Date(Date.now() - 60_000).toISOString() };
    expect(await store.saveResponse(stale, { invitation: older.invitation })).toBe('superseded');
    expect((await store.loadResponse(id))?.answer).toEqual({ csat: 5 });
  });

  it('never lets a one-click score replace a confirmed answer, even racing past the check', async () => {
    const sent = await sendInvitation(world);
    const id = sent.invitation.invitationId;
    const provisional = await answerAt(id, 'one_click', 1, new Date());
    const confirmed = await answerAt(id, 'page', 4, new Date());
    await store.saveResponse(confirmed.decision.response, { invitation: confirmed.invitation, record: confirmed.decision.record });
    // Decided before the confirmed answer was stored, written after: the condition stops it.
    const late = { ...provisional.decision.response, updatedAt: new Date(Date.now() + 1_000).toISOString() };
    expect(await store.saveResponse(late, { invitation: provisional.invitation })).toBe('superseded');
    expect(await store.loadResponse(id)).toMatchObject({ status: 'confirmed', answer: { csat: 4 } });
  });

  it('stores a first confirmation only while no answer is confirmed: two that read none log one answered line', async () => {
    const sent = await sendInvitation(world);
    const id = sent.invitation.invitationId;
    // Both decided from the same read (no response yet), as two deliveries of one answer racing.
    const first = await answerAt(id, 'page', 4, new Date());
    const second = await answerAt(id, 'page', 4, new Date(Date.now() + 1_000));
    expect(second.decision.record).toBeDefined();

    expect(await store.saveResponse(first.decision.response, { invitation: first.invitation, record: first.decision.record })).toBe('saved');
    expect(await store.saveResponse(second.decision.response, { invitation: second.invitation, record: second.decision.record })).toBe('superseded');

    const cases = new DynamoDbCaseIntakeStore(api.dynamodb, pipeline.tableName);
    expect((await cases.listDecisions(sent.caseId)).filter((decision) => decision.event === 'answered')).toHaveLength(1);
    // Read again, the later answer is a change of a confirmed one: stored, and logged no more.
    const again = await answerAt(id, 'page', 4, new Date(Date.now() + 1_000));
    expect(again.decision.record).toBeUndefined();
    expect(await store.saveResponse(again.decision.response, { invitation: again.invitation })).toBe('saved');
    expect((await cases.listDecisions(sent.caseId)).filter((decision) => decision.event === 'answered')).toHaveLength(1);
  });

  it('answers closed when the invitation was cancelled between the read and the write', async () => {
    const sent = await sendInvitation(world);
    const { invitation, decision } = await answerAt(sent.invitation.invitationId, 'page', 3, new Date());
    await cancel(invitation.invitationId);
    expect(await store.saveResponse(decision.response, { invitation, record: decision.record })).toBe('closed');
    expect(await store.loadResponse(invitation.invitationId)).toBeUndefined();
  });

  it('reads strongly consistent unless told otherwise', async () => {
    const sent = await sendInvitation(world);
    const { client, sent: reads } = recordingClient();
    await new DynamoDbSurveyAnswerStore(client, pipeline.tableName).loadInvitation(sent.invitation.invitationId);
    const eventual = new DynamoDbSurveyAnswerStore(client, pipeline.tableName, { consistentReads: false });
    expect(await eventual.loadInvitation(sent.invitation.invitationId)).toEqual(sent.invitation);
    expect(reads.map((read) => read.input.ConsistentRead)).toEqual([true, false]);
  });

  it('stores a one-click score with one conditional PutItem, and a confirmed answer with one transaction', async () => {
    const sent = await sendInvitation(world);
    const id = sent.invitation.invitationId;
    const recorded = recordingClient();
    const counted = new DynamoDbSurveyAnswerStore(recorded.client, pipeline.tableName);
    const commands = () => recorded.sent.map((one) => one.command);
    const provisional = await answerAt(id, 'one_click', 2, new Date());
    expect(await counted.saveResponse(provisional.decision.response, { invitation: provisional.invitation })).toBe('saved');
    expect(commands()).toEqual(['PutItemCommand']);
    expect(await store.loadResponse(id)).toMatchObject({ status: 'provisional', answer: { csat: 2 } });
    recorded.sent.length = 0;
    const confirmed = await answerAt(id, 'page', 4, new Date());
    expect(await counted.saveResponse(confirmed.decision.response, { invitation: confirmed.invitation, record: confirmed.decision.record })).toBe('saved');
    expect(commands()).toEqual(['TransactWriteItemsCommand']);
  });

  it('keeps a one-click score of an invitation cancelled after the read provisional, and refuses its confirmation', async () => {
    // A sent invitation is never cancelled (a reopen and the mailer cancel only unsent ones), so the
    // one-click write does not check it; were it cancelled, the score is one nobody counts.
    const sent = await sendInvitation(world);
    const id = sent.invitation.invitationId;
    const provisional = await answerAt(id, 'one_click', 5, new Date());
    const confirmed = await answerAt(id, 'page', 5, new Date(Date.now() + 1_000));
    await cancel(id);
    expect(await store.saveResponse(provisional.decision.response, { invitation: provisional.invitation })).toBe('saved');
    expect(await store.saveResponse(confirmed.decision.response, { invitation: confirmed.invitation, record: confirmed.decision.record })).toBe('closed');
    expect(await store.loadResponse(id)).toMatchObject({ status: 'provisional' });
  });

  it('removes the invitation from gsi1 on a confirmed answer, so no reminder index still lists it', async () => {
    const sent = await sendInvitation(world);
    const key = { pk: { S: `INVITATION#${sent.invitation.invitationId}` }, sk: { S: 'INVITATION' } };
    // As a reminder index entry would look.
    await api.dynamodb.send(
      new UpdateItemCommand({
        TableName: pipeline.tableName,
        Key: key,
        UpdateExpression: 'SET gsi1pk = :due, gsi1sk = :at',
        ExpressionAttributeValues: { ':due': { S: 'REMINDERS_DUE' }, ':at': { S: new Date().toISOString() } },
      }),
    );
    const { invitation, decision } = await answerAt(sent.invitation.invitationId, 'page', 4, new Date());
    await store.saveResponse(decision.response, { invitation, record: decision.record });
    const stored = await api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'INVITATION');
    expect(stored).toMatchObject({ state: 'answered' });
    expect(stored).not.toHaveProperty('gsi1pk');
  });

  it('opts a customer out once, and the policy then sees it', async () => {
    const sent = await sendInvitation(world);
    const record = {
      event: 'unsubscribed' as const,
      kind: 'post_resolution' as const,
      customerId: sent.customerId,
      caseId: sent.caseId,
      invitationId: sent.invitation.invitationId,
      detail: 'page',
      decidedAt: new Date().toISOString(),
    };
    expect(await store.optOut(record)).toBe('opted_out');
    expect(await store.optOut({ ...record, decidedAt: new Date(Date.now() + 1).toISOString() })).toBe('already_opted_out');
    const cases = new DynamoDbCaseIntakeStore(api.dynamodb, pipeline.tableName);
    expect((await cases.loadCustomerHistory(sent.customerId)).optedOut).toBe(true);
    expect((await cases.listDecisions(sent.caseId)).filter((decision) => decision.event === 'unsubscribed')).toHaveLength(1);
  });
});
