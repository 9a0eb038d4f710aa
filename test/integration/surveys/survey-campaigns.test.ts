import { randomUUID } from 'node:crypto';
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbCaseIntakeStore } from '../../../functions/surveys/adapters/dynamodb-case-intake-store.ts';
import { caseResolutionItems } from '../../../functions/surveys/core/case-resolution-items.ts';
import { relationshipInvitationId } from '../../../functions/surveys/core/survey-invitation-id.ts';
import { CAMPAIGN_SCHEDULE_NAME } from '../../../infra/constructs/survey-campaigns.ts';
import { connectTo, eventually, QUEUES } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const { dynamodb, getItem, queueDrained } = connectTo(pipeline);
const store = new DynamoDbCaseIntakeStore(dynamodb, pipeline.tableName);
const DAY = 86_400_000;

/** Customers seen today through the same items POST /cases/resolved writes. */
const seedSeen = async (count: number) => {
  const ids = Array.from({ length: count }, () => `camp-${randomUUID()}`);
  await Promise.all(
    ids.map((id) => {
      const { contact, context } = caseResolutionItems({
        caseId: `CASE-${id}`,
        resolvedAt: new Date().toISOString(),
        customer: { id, email: 'ada@example.com', tier: 'standard' },
      });
      return store.saveCaseResolution(contact, context);
    }),
  );
  return ids;
};
const putHistory = (customerId: string, history: Record<string, unknown>) =>
  dynamodb.send(new PutItemCommand({ TableName: pipeline.tableName, Item: marshall({ pk: `CUSTOMER#${customerId}`, sk: 'HISTORY', customerId, ...history }) }));
const fireCampaign = async () => {
  const response = await fetch(`${pipeline.controlUrl}/schedules/${CAMPAIGN_SCHEDULE_NAME}/run`, { method: 'POST' });
  expect(response.status).toBe(200);
};
const campaignId = () => `nps-${new Date().toISOString().slice(0, 10)}`;
const invitationOf = (customerId: string) => getItem(`INVITATION#${relationshipInvitationId(campaignId(), customerId)}`, 'INVITATION');
// The pipeline's own dispatcher runs every minute during the tests and may lease or send these
// invitations between two reads: compare what the campaign wrote, not the mail path's progress.
const campaignWrittenOf = async (customerId: string) => {
  const item = await invitationOf(customerId);
  return (
    item && {
      invitationId: item.invitationId,
      customerId: item.customerId,
      campaignId: item.campaignId,
      scheduledFor: item.scheduledFor,
      expiresAt: item.expiresAt,
    }
  );
};
const customerDecisions = async (customerId: string) => {
  const { Items } = await dynamodb.send(
    new QueryCommand({
      TableName: pipeline.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :decision)',
      ExpressionAttributeValues: marshall({ ':pk': `CUSTOMER#${customerId}`, ':decision': 'DECISION#' }),
    }),
  );
  return (Items ?? []).map((item) => unmarshall(item));
};

describe('the relationship campaign schedule, fired from the local control endpoint', () => {
  let customers: string[];
  let optedOut: string;
  let recentlySurveyed: string;
  let longAgo: string;

  beforeAll(async () => {
    customers = await seedSeen(30);
    [optedOut, recentlySurveyed, longAgo] = customers as [string, string, string];
    await putHistory(optedOut, { optedOut: true });
    await putHistory(recentlySurveyed, { lastRelationshipSurveyAt: new Date(Date.now() - 10 * DAY).toISOString() });
    await putHistory(longAgo, { lastRelationshipSurveyAt: new Date(Date.now() - 100 * DAY).toISOString() });
    await fireCampaign();
  });

  it('lists the schedule by its template name', async () => {
    const { schedules } = (await (await fetch(`${pipeline.controlUrl}/schedules`)).json()) as { schedules: { name: string }[] };
    expect(schedules.map((schedule) => schedule.name)).toContain(CAMPAIGN_SCHEDULE_NAME);
  });

  it('invites every eligible customer seen in the period once, through the chunk queue', async () => {
    const eligible = customers.filter((id) => id !== optedOut && id !== recentlySurveyed);
    const invitations = await eventually(
      async () => {
        const found = await Promise.all(eligible.map(invitationOf));
        return found.every(Boolean) ? found : undefined;
      },
      30_000,
      'the campaign invitations',
    );
    for (const invitation of invitations) {
      expect(invitation).toMatchObject({ kind: 'relationship', campaignId: campaignId() });
      // Due at once, so the pipeline's dispatcher may already have mailed it.
      expect(['scheduled', 'sent']).toContain(invitation?.state);
    }
    expect(await customerDecisions(longAgo)).toEqual([expect.objectContaining({ event: 'scheduled', kind: 'relationship' })]);
  });

  it('skips the opted-out and the recently surveyed customer, and says why in their decision log', async () => {
    await eventually(async () => ((await customerDecisions(recentlySurveyed)).length > 0 ? true : undefined), 30_000, 'the skip decisions');
    expect(await invitationOf(optedOut)).toBeUndefined();
    expect(await invitationOf(recentlySurveyed)).toBeUndefined();
    expect(await customerDecisions(optedOut)).toEqual([expect.objectContaining({ event: 'skipped', reason: 'opted_out' })]);
    expect(await customerDecisions(recentlySurveyed)).toEqual([expect.objectContaining({ event: 'skipped', reason: 'recently_surveyed' })]);
  });

  it('staggers send times by the SES rate, at most 14 due in any second', async () => {
    const invitations = (await Promise.all(customers.map(invitationOf))).filter(Boolean) as { scheduledFor: string }[];
    const perSecond = new Map<string, number>();
    for (const { scheduledFor } of invitations) perSecond.set(scheduledFor.slice(0, 19), (perSecond.get(scheduledFor.slice(0, 19)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(14);
  });

  it('adds no invitation when the same campaign runs again, and one skip line per run', async () => {
    const before = await Promise.all(customers.map(campaignWrittenOf));
    await fireCampaign();
    // The second run's chunks are consumed asynchronously: wait until the queue is empty again.
    await queueDrained(QUEUES.campaignChunks);
    expect(await Promise.all(customers.map(campaignWrittenOf))).toEqual(before);
    // Only scheduling lines count: the pipeline's dispatcher may have logged this invitation `sent` by now.
    expect((await customerDecisions(longAgo)).filter((decision) => decision.event === 'scheduled')).toHaveLength(1);
    // The throttle counts the invitation just scheduled: the opted-out stays out, nobody gets a second.
    expect(await customerDecisions(optedOut)).toHaveLength(2);
  });
});
