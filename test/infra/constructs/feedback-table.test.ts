import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { template, resourcesOfType, functionByService } = synthesizedPipeline();

describe('FeedbackTable', () => {
  it('outputs its name, for seeding the supervisor directory after the first deploy', () => {
    const [tableId] = resourcesOfType('AWS::DynamoDB::Table')
      .map(([id]) => id)
      .filter((id) => id.startsWith('Store'));
    expect(template.toJSON().Outputs).toMatchObject({ TableName: { Value: { Ref: tableId } } });
  });

  it('is on-demand with point-in-time recovery, TTL on expiresAt, a stream of new and old images and gsi1 to gsi3', () => {
    // The other table is the report counters' (feedback-reports.test.ts).
    template.resourceCountIs('AWS::DynamoDB::Table', 2);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
        ...['gsi2', 'gsi3'].map((index) =>
          Match.objectLike({
            IndexName: index,
            KeySchema: [
              { AttributeName: `${index}pk`, KeyType: 'HASH' },
              { AttributeName: `${index}sk`, KeyType: 'RANGE' },
            ],
          }),
        ),
      ],
    });
  });

  it('is retained when the stack is deleted, as the counters are', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 2);
    const raw = template.toJSON().Resources;
    for (const [id] of resourcesOfType('AWS::DynamoDB::Table')) expect([raw[id].DeletionPolicy, raw[id].UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  it('has no physical name, so CloudFormation names it (nor has the counters table)', () => {
    for (const [, table] of resourcesOfType('AWS::DynamoDB::Table')) expect(table.Properties.TableName).toBeUndefined();
  });

  it.each([
    // Reads for the escalation, puts in one transaction, UpdateItem on outbox items only (see escalation-notifications.test.ts).
    ['store-complaint', ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']],
    ['store-feedback', ['dynamodb:PutItem']],
    ['complaint-status', ['dynamodb:GetItem']],
  ])('lets %s do only %j on the table', (name, actions) => {
    const roleId = functionByService(name).Properties.Role['Fn::GetAtt'][0];
    const [, policy] = resourcesOfType('AWS::IAM::Policy').find(([, p]) => p.Properties.Roles[0].Ref === roleId)!;
    const dynamoActions = policy.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) =>
      [s.Action].flat().filter((a) => a.startsWith('dynamodb:')),
    );
    expect([...new Set(dynamoActions)].sort()).toEqual(actions);
  });
});
