import { describe, expect, it } from 'vitest';
import { reportRouteKeys } from '../../../functions/reports/contracts/reports-api-paths.ts';
import { FeedbackReports } from '../../../infra/constructs/feedback-reports.ts';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { template, resources, resourcesOfType, functionByService, logicalIdOf } = synthesizedPipeline();

const [storeTableId] = resourcesOfType('AWS::DynamoDB::Table')
  .map(([id]) => id)
  .filter((id) => id.startsWith('Store'));
const [countersTableId] = resourcesOfType('AWS::DynamoDB::Table')
  .map(([id]) => id)
  .filter((id) => id.startsWith('ReportsCounters'));
const [jwtAuthorizerId] = resourcesOfType('AWS::ApiGatewayV2::Authorizer')
  .filter(([, authorizer]) => authorizer.Properties.AuthorizerType === 'JWT')
  .map(([id]) => id);
const dynamoStatementsOf = (service: string) => {
  const roleId = functionByService(service).Properties.Role['Fn::GetAtt'][0];
  const [, policy] = resourcesOfType('AWS::IAM::Policy').find(([, p]) => p.Properties.Roles[0].Ref === roleId)!;
  return (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).filter((s) =>
    [s.Action]
      .flat()
      .some(
        (action) =>
          action.startsWith('dynamodb:') && !action.startsWith('dynamodb:GetRecords') && !action.includes('Stream') && action !== 'dynamodb:GetShardIterator',
      ),
  );
};

describe('FeedbackReports and ReportsApi', () => {
  it('keeps the counters in their own retained table with TTL for the markers, named by an output', () => {
    expect(countersTableId).toBeDefined();
    expect(resources[countersTableId!]!.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    // No stream on the counters: their own writes feed nothing.
    expect(resources[countersTableId!]!.Properties.StreamSpecification).toBeUndefined();
    expect(template.toJSON().Outputs).toMatchObject({ CountersTableName: { Value: { Ref: countersTableId } } });
  });

  it('feeds aggregate-feedback from the feedback table’s stream, in order, bisecting and reporting failures, giving up to a queue after 10 retries', () => {
    const mappings = resourcesOfType('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.EventSourceArn['Fn::GetAtt']?.[0] === storeTableId);
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0]!;
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: logicalIdOf(functionByService('aggregate-feedback')) },
      EventSourceArn: { 'Fn::GetAtt': [storeTableId, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: FeedbackReports.RETRY_ATTEMPTS,
      ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/^ReportsFailedBatches/), 'Arn'] } } },
    });
  });

  it('alarms on records given up and on a consumer more than 5 minutes behind, each with its runbook section', () => {
    const alarms = resourcesOfType('AWS::CloudWatch::Alarm').filter(([, alarm]) =>
      String(alarm.Properties.AlarmDescription).endsWith('docs/runbook.md#counters-behind'),
    );
    expect(alarms.map(([, alarm]) => [alarm.Properties.MetricName, alarm.Properties.Threshold]).sort()).toEqual([
      ['ApproximateNumberOfMessagesVisible', 0],
      ['IteratorAge', 300_000],
    ]);
  });

  it('lets the consumer only put markers, add to counters and delete an expired escalation’s audit entries, and the reports API only query them and the feedback table’s gsi1', () => {
    expect(dynamoStatementsOf('aggregate-feedback')).toEqual([
      expect.objectContaining({ Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: { 'Fn::GetAtt': [countersTableId, 'Arn'] } }),
      {
        // CDK sorts a statement's actions.
        Action: ['dynamodb:DeleteItem', 'dynamodb:Query'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [storeTableId, 'Arn'] },
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ESCALATION#*'] } },
      },
    ]);
    expect(functionByService('aggregate-feedback').Properties.Environment.Variables).toMatchObject({ TABLE_NAME: { Ref: storeTableId } });
    // Summaries read the counters; exports Query the feedback table's gsi1, and nothing else of it.
    expect(dynamoStatementsOf('reports-api')).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:Query',
        Resource: [{ 'Fn::GetAtt': [countersTableId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [storeTableId, 'Arn'] }, '/index/gsi1']] }],
      }),
    ]);
    expect(functionByService('reports-api').Properties.Environment.Variables).toMatchObject({
      REPORTS_TABLE_NAME: { Ref: countersTableId },
      TABLE_NAME: { Ref: storeTableId },
    });
  });

  it('serves every reports route behind the supervisors’ JWT authorizer, to the reports-api function', () => {
    const routes = resourcesOfType('AWS::ApiGatewayV2::Route').filter(([, route]) => / \/reports\b/.test(route.Properties.RouteKey));
    expect(routes.map(([, route]) => route.Properties.RouteKey).sort()).toEqual([...reportRouteKeys].sort());
    for (const [, route] of routes) {
      expect(route.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: jwtAuthorizerId } });
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
      expect(JSON.stringify(resources[integrationId]!.Properties.IntegrationUri)).toContain(logicalIdOf(functionByService('reports-api')));
    }
  });
});
