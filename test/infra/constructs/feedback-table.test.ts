import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { template, resourcesOfType, functionByService } = synthesizedPipeline();

describe('FeedbackTable', () => {
  it('outputs its name, for seeding the supervisor directory after the first deploy', () => {
    const [tableId] = resourcesOfType('AWS::DynamoDB::Table').map(([id]) => id);
    expect(template.toJSON().Outputs).toMatchObject({ TableName: { Value: { Ref: tableId } } });
  });

  it('is on-demand with point-in-time recovery, TTL on expiresAt and gsi1 to gsi3', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
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

  it('is retained when the stack is deleted', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('has no physical name, so CloudFormation names it', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: Match.absent() });
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
