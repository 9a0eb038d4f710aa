import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeedbackPipelineStack } from '../../infra/feedback-pipeline-stack.ts';
import { temporaryOutdir } from './helpers/temporary-outdir.ts';

type Resource = { Type: string; Properties: Record<string, any> };

let template: Template;
let resources: Record<string, Resource>;

function resourcesOfType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

function functionByService(name: string): Resource {
  const found = resourcesOfType('AWS::Lambda::Function').find(
    ([, r]) => r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === name,
  );
  if (found === undefined) throw new Error(`no function ${name}`);
  return found[1];
}

function logicalIdOf(resource: Resource): string {
  const entry = Object.entries(resources).find(([, r]) => r === resource);
  if (entry === undefined) throw new Error('resource not in template');
  return entry[0];
}

beforeAll(() => {
  // Prepare: synthesize once for the whole file (bundling six functions takes seconds).
  const app = new App({ outdir: temporaryOutdir() });
  const stack = new FeedbackPipelineStack(app, 'SupportFeedbackPipeline');
  const assembly = app.synth();
  template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  resources = template.toJSON().Resources;
});

describe('queues', () => {
  it('gives every queue a dead-letter queue with maxReceiveCount 5', () => {
    const queues = resourcesOfType('AWS::SQS::Queue');
    const sources = queues.filter(([, q]) => q.Properties.RedrivePolicy !== undefined);
    const deadLetterIds = new Set(sources.map(([, q]) => q.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]));

    expect(sources).toHaveLength(2);
    for (const [, queue] of sources) expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
    expect(queues.every(([id, q]) => q.Properties.RedrivePolicy !== undefined || deadLetterIds.has(id))).toBe(true);
  });

  it('keeps dead-lettered messages for 14 days', () => {
    template.resourcePropertiesCountIs('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 24 * 3600 }, 2);
  });

  it('sets each visibility timeout to at least six times its consumer timeout', () => {
    const mappings = resourcesOfType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(2);
    for (const [, mapping] of mappings) {
      const queue = resources[mapping.Properties.EventSourceArn['Fn::GetAtt'][0]];
      const consumer = resources[mapping.Properties.FunctionName.Ref];
      expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumer?.Properties.Timeout);
    }
  });

  it('encrypts every queue with SQS-managed keys', () => {
    for (const [, queue] of resourcesOfType('AWS::SQS::Queue')) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('denies non-TLS access on every queue', () => {
    const policies = resourcesOfType('AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(resourcesOfType('AWS::SQS::Queue').length);
    for (const [, policy] of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      );
    }
  });

  it('makes every event source mapping report batch item failures, ten messages a batch', () => {
    const mappings = resourcesOfType('AWS::Lambda::EventSourceMapping');
    for (const [, mapping] of mappings) {
      expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(mapping.Properties.BatchSize).toBe(10);
    }
  });

  it('alarms when a dead-letter queue holds any message', () => {
    template.resourcePropertiesCountIs(
      'AWS::CloudWatch::Alarm',
      { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' },
      2,
    );
  });
});

describe('table', () => {
  it('is on-demand with point-in-time recovery, TTL on expiresAt and gsi1', () => {
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
      ],
    });
  });

  it('is retained when the stack is deleted', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('has no physical name, so CloudFormation names it', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: Match.absent() });
  });
});

describe('functions', () => {
  it('runs every function on nodejs24.x arm64 with active tracing and explicit memory and timeout', () => {
    const functions = resourcesOfType('AWS::Lambda::Function');
    expect(functions).toHaveLength(7);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 256,
        Handler: 'index.handler',
      });
      expect(fn.Properties.Timeout).toBeGreaterThan(0);
      expect(fn.Properties.LoggingConfig.LogGroup.Ref).toBeDefined();
    }
  });

  it('gives every function log group a retention period', () => {
    for (const [, group] of resourcesOfType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('attaches no AWS managed policy to any role', () => {
    for (const [, role] of resourcesOfType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it.each([
    ['submit-complaint', 10, ['COMPLAINT_QUEUE_URL', 'SIGNING_KEY_SECRET_ARN', 'COMPLAINT_CATEGORIES', 'STATUS_TOKEN_TTL_DAYS', 'PUBLIC_BASE_URL']],
    ['complaint-status', 10, ['TABLE_NAME', 'SIGNING_KEY_SECRET_ARN']],
    ['store-complaint', 30, ['TABLE_NAME', 'COMPLAINT_RETENTION_DAYS']],
    ['submit-feedback', 10, ['FEEDBACK_QUEUE_URL']],
    ['store-feedback', 30, ['TABLE_NAME', 'FEEDBACK_RETENTION_DAYS']],
    ['route-not-found', 10, []],
  ])('configures %s with a %i s timeout and its environment contract', (name, timeout, variables) => {
    const fn = functionByService(name);
    expect(fn.Properties.Timeout).toBe(timeout);
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(
      ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', ...variables].sort(),
    );
    expect(fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('SupportFeedbackPipeline');
  });

  it('refuses at synth a complaint category the consumer could not store', () => {
    expect(() => new FeedbackPipelineStack(new App({ outdir: temporaryOutdir() }), 'Bad', { complaintCategories: ['Billing Issues'] })).toThrow(
      /kebab-case.*Billing Issues/,
    );
  });

  it('passes the default complaint categories and retention settings', () => {
    expect(functionByService('submit-complaint').Properties.Environment.Variables).toMatchObject({
      COMPLAINT_CATEGORIES: 'slow-response,unresolved,attitude,wrong-advice,billing,other',
      STATUS_TOKEN_TTL_DAYS: '180',
    });
    expect(functionByService('store-complaint').Properties.Environment.Variables.COMPLAINT_RETENTION_DAYS).toBe('730');
    expect(functionByService('store-feedback').Properties.Environment.Variables.FEEDBACK_RETENTION_DAYS).toBe('365');
  });

  it.each([
    ['store-complaint', ['dynamodb:PutItem']],
    ['store-feedback', ['dynamodb:PutItem']],
    ['complaint-status', ['dynamodb:GetItem']],
  ])('lets %s do only %j on the table', (name, actions) => {
    const roleId = functionByService(name).Properties.Role['Fn::GetAtt'][0];
    const [, policy] = resourcesOfType('AWS::IAM::Policy').find(([, p]) => p.Properties.Roles[0].Ref === roleId)!;
    const dynamoActions = policy.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) =>
      [s.Action].flat().filter((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamoActions).toEqual(actions);
  });
});

describe('public HTTP API', () => {
  it.each(['POST /complaints', 'GET /complaints/status', 'POST /feedback', '$default'])('routes %s', (routeKey) => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey });
  });

  it('sends unknown routes to route-not-found', () => {
    const [, route] = resourcesOfType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === '$default')!;
    const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
    const integration = resources[integrationId]!;
    const uri = JSON.stringify(integration.Properties.IntegrationUri);
    expect(uri).toContain(logicalIdOf(functionByService('route-not-found')));
  });

  it('lets web pages on any origin POST JSON with an Idempotency-Key, without credentials', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowMethods: ['GET', 'POST'],
        AllowHeaders: ['content-type', 'idempotency-key'],
        AllowCredentials: Match.absent(),
      },
    });
  });

  it('throttles the default stage at 50 rps with a burst of 100', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('writes JSON access logs without source IP, user agent or query string', () => {
    const [, stage] = resourcesOfType('AWS::ApiGatewayV2::Stage')[0]!;
    const format: string = stage.Properties.AccessLogSettings.Format;
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(format).not.toMatch(/sourceIp|userAgent|querystring|\$context\.path|identity/i);
    expect(stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]).toBeDefined();
  });

  it('outputs the API URL', () => {
    template.hasOutput('ApiUrl', {});
  });
});

describe('link-signing key', () => {
  it('is generated by CloudFormation, so no secret value appears in the template', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 64 },
      SecretString: Match.absent(),
    });
    const rendered = JSON.stringify(template.toJSON());
    expect(rendered.includes('"SecretString"'), 'a literal SecretString').toBe(false);
    expect(rendered.includes('{{resolve:secretsmanager'), 'a resolved secret reference').toBe(false);
  });

  it('is passed to functions by ARN only', () => {
    for (const name of ['submit-complaint', 'complaint-status']) {
      const arn = functionByService(name).Properties.Environment.Variables.SIGNING_KEY_SECRET_ARN;
      expect(arn).toEqual({ Ref: expect.stringMatching(/^LinkSigningKeySecret/) });
    }
  });
});
