import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../local/emulators/local-aws.ts';
import { startLocalPipeline, type LocalPipeline } from '../../local/start-local-pipeline.ts';

// Under the project so the bundles resolve like `npm start`'s do.
const projectDataDir = fileURLToPath(new URL('../../.data/', import.meta.url));

type Props = Record<string, any>;

/** One compared item: what the template states and what the running local world has. */
interface Comparison {
  readonly kind: 'table' | 'queue' | 'route' | 'cors' | 'throttling' | 'event source mapping' | 'function' | 'schedule';
  readonly item: string;
  readonly template: unknown;
  readonly local: unknown;
}

/** The logical id behind `{ Ref: X }` or `{ Fn::GetAtt: [X, ...] }`, read from the raw template. */
const logicalIdOf = (value: unknown): string | undefined => {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Props;
  if (typeof record['Ref'] === 'string') return record['Ref'];
  if (Array.isArray(record['Fn::GetAtt'])) return String(record['Fn::GetAtt'][0]);
  for (const nested of Object.values(record).flat(2)) {
    const found = logicalIdOf(nested);
    if (found !== undefined) return found;
  }
  return undefined;
};

const sortedBy = <T extends Props>(list: readonly T[] | undefined, key: string): T[] =>
  [...(list ?? [])].sort((a, b) => String(a[key]).localeCompare(String(b[key])));

/**
 * Holds the synthesized template of the real app against the running local world, item by item:
 * DynamoDB Local and fauxqs are asked over their APIs, the gateway over HTTP (CORS) and through
 * what it was given (routes, throttling), the pollers and workers through what they run with.
 */
describe('local mode fidelity to the synthesized template', () => {
  let pipeline: LocalPipeline;
  let dataDir: string;
  let dynamodb: DynamoDBClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    await mkdir(projectDataDir, { recursive: true });
    dataDir = await mkdtemp(join(projectDataDir, 'test-fidelity-'));
    pipeline = await startLocalPipeline({ dataDir, port: 0 });
    dynamodb = new DynamoDBClient(localClientConfig(pipeline.dynamodbEndpoint));
    sqs = new SQSClient(localClientConfig(pipeline.sqsEndpoint));
  });

  afterAll(async () => {
    await pipeline?.stop();
    dynamodb?.destroy();
    sqs?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const resources = (type: string): [string, Props][] =>
    Object.entries(pipeline.world.template.Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);

  const compareTables = async (): Promise<Comparison[]> => {
    const comparisons: Comparison[] = [];
    for (const [logicalId, props] of resources('AWS::DynamoDB::Table')) {
      const compare = (item: string, template: unknown, local: unknown) => comparisons.push({ kind: 'table', item: `${logicalId} ${item}`, template, local });
      const tableName = pipeline.tables[logicalId];
      compare('exists', true, tableName !== undefined);
      if (tableName === undefined) continue;
      const { Table: table = {} } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
      const { TimeToLiveDescription: ttl } = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
      compare('key schema', props['KeySchema'], table.KeySchema);
      compare(
        'attribute definitions',
        sortedBy(props['AttributeDefinitions'], 'AttributeName'),
        sortedBy(table.AttributeDefinitions as Props[], 'AttributeName'),
      );
      compare('billing mode', props['BillingMode'] ?? 'PROVISIONED', table.BillingModeSummary?.BillingMode ?? 'PROVISIONED');
      const localIndexes = new Map((table.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
      compare(
        'index names',
        sortedBy(props['GlobalSecondaryIndexes'], 'IndexName').map((index) => index['IndexName']),
        [...localIndexes.keys()].sort(),
      );
      for (const index of props['GlobalSecondaryIndexes'] ?? []) {
        const local = localIndexes.get(index['IndexName']);
        compare(`index ${index['IndexName']} key schema`, index['KeySchema'], local?.KeySchema);
        compare(
          `index ${index['IndexName']} projection`,
          { NonKeyAttributes: undefined, ...index['Projection'] },
          { NonKeyAttributes: undefined, ...local?.Projection },
        );
      }
      const ttlSpec = props['TimeToLiveSpecification'];
      compare(
        'time to live',
        ttlSpec?.Enabled === true ? { status: 'ENABLED', attribute: ttlSpec.AttributeName } : { status: 'DISABLED' },
        ttl?.TimeToLiveStatus === 'ENABLED' ? { status: 'ENABLED', attribute: ttl.AttributeName } : { status: ttl?.TimeToLiveStatus ?? 'DISABLED' },
      );
      compare(
        'stream',
        props['StreamSpecification']?.StreamViewType,
        table.StreamSpecification?.StreamEnabled ? table.StreamSpecification.StreamViewType : undefined,
      );
    }
    return comparisons;
  };

  const compareQueues = async (): Promise<Comparison[]> => {
    const comparisons: Comparison[] = [];
    const logicalIdByArn = new Map(Object.entries(pipeline.queues).map(([logicalId, queue]) => [queue.arn, logicalId]));
    // SQS's defaults for what a template leaves out (CreateQueue reference).
    const defaults: Props = { VisibilityTimeout: 30, MessageRetentionPeriod: 345_600, DelaySeconds: 0, ReceiveMessageWaitTimeSeconds: 0 };
    for (const [logicalId, props] of resources('AWS::SQS::Queue')) {
      const compare = (item: string, template: unknown, local: unknown) => comparisons.push({ kind: 'queue', item: `${logicalId} ${item}`, template, local });
      const queue = pipeline.queues[logicalId];
      compare('exists', true, queue !== undefined);
      if (queue === undefined) continue;
      const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['All'] }));
      const attributes: Record<string, string | undefined> = Attributes;
      for (const name of Object.keys(defaults)) compare(name, Number(props[name] ?? defaults[name]), Number(attributes[name]));
      for (const name of ['MaximumMessageSize', 'FifoQueue'].filter((stated) => props[stated] !== undefined)) {
        compare(name, String(props[name]), attributes[name]);
      }
      const redrive = props['RedrivePolicy'] as Props | undefined;
      const localRedrive = attributes['RedrivePolicy'] === undefined ? undefined : (JSON.parse(attributes['RedrivePolicy']) as Props);
      compare(
        'redrive policy',
        redrive === undefined
          ? undefined
          : { maxReceiveCount: Number(redrive['maxReceiveCount']), deadLetterQueue: logicalIdOf(redrive['deadLetterTargetArn']) },
        localRedrive === undefined
          ? undefined
          : { maxReceiveCount: Number(localRedrive['maxReceiveCount']), deadLetterQueue: logicalIdByArn.get(localRedrive['deadLetterTargetArn']) },
      );
    }
    return comparisons;
  };

  const functionLogicalId = (functionName: string): string | undefined =>
    pipeline.world.functions.find((hosted) => hosted.definition.functionName === functionName)?.definition.logicalId;

  const compareRoutes = (): Comparison[] => {
    const comparisons: Comparison[] = [];
    const integrations = new Map(resources('AWS::ApiGatewayV2::Integration'));
    const templateRoutes = resources('AWS::ApiGatewayV2::Route')
      .map(([, props]) => String(props['RouteKey']))
      .sort();
    comparisons.push({ kind: 'route', item: 'route keys', template: templateRoutes, local: pipeline.world.routes.map((route) => route.routeKey).sort() });
    for (const [, props] of resources('AWS::ApiGatewayV2::Route')) {
      const routeKey = String(props['RouteKey']);
      const integration = integrations.get(logicalIdOf(props['Target']) ?? '') ?? {};
      const local = pipeline.world.routes.find((route) => route.routeKey === routeKey);
      comparisons.push(
        {
          kind: 'route',
          item: `${routeKey} function`,
          template: logicalIdOf(integration['IntegrationUri']),
          local: local && functionLogicalId(local.functionName),
        },
        // The local gateway builds payload 2.0 events only.
        {
          kind: 'route',
          item: `${routeKey} payload format`,
          template: `${integration['IntegrationType']} ${integration['PayloadFormatVersion']}`,
          local: 'AWS_PROXY 2.0',
        },
      );
    }
    // Lambda authorizers: which function decides, on which identity source, cached how long.
    const authorizers = new Map(resources('AWS::ApiGatewayV2::Authorizer'));
    // AuthorizerUri joins the partition (a Ref) with the function's Fn::GetAtt Arn.
    const authorizerFunction = (uri: unknown) => /"Fn::GetAtt":\["([^"]+)"/.exec(JSON.stringify(uri))?.[1];
    for (const [, props] of resources('AWS::ApiGatewayV2::Route')) {
      const routeKey = String(props['RouteKey']);
      const authorizer = props['AuthorizationType'] === 'CUSTOM' ? authorizers.get(logicalIdOf(props['AuthorizerId']) ?? '') : undefined;
      const local = pipeline.world.routes.find((route) => route.routeKey === routeKey)?.authorizer;
      comparisons.push({
        kind: 'route',
        item: `${routeKey} authorizer`,
        template: authorizer && {
          function: authorizerFunction(authorizer['AuthorizerUri']),
          identitySource: authorizer['IdentitySource'],
          ttlSeconds: authorizer['AuthorizerResultTtlInSeconds'] ?? 0,
        },
        local:
          local && !('issuer' in local)
            ? { function: functionLogicalId(local.functionName), identitySource: local.identitySource, ttlSeconds: local.resultTtlSeconds }
            : undefined,
      });
      // JWT authorizers: the same identity source and audience, an issuer standing in for the template's.
      const jwt = props['AuthorizationType'] === 'JWT' ? authorizers.get(logicalIdOf(props['AuthorizerId']) ?? '') : undefined;
      if (jwt !== undefined) {
        const configuration = jwt['JwtConfiguration'] as Props;
        comparisons.push({
          kind: 'route',
          item: `${routeKey} JWT authorizer`,
          template: { identitySource: jwt['IdentitySource'], audience: (configuration['Audience'] as unknown[]).length, issuer: 'a user pool of the template' },
          local: local &&
            'issuer' in local && {
              identitySource: local.identitySource,
              audience: local.audience.length,
              issuer:
                local.templateIssuer.startsWith('https://cognito-idp.') && local.issuer === pipeline.authIssuerUrl
                  ? 'a user pool of the template'
                  : local.templateIssuer,
            },
        });
      }
    }
    for (const [logicalId, props] of resources('AWS::ApiGatewayV2::Stage')) {
      comparisons.push({
        kind: 'route',
        item: `${logicalId} stage name`,
        template: props['StageName'],
        local: [...new Set(pipeline.world.routes.map((route) => route.stage))].join(),
      });
    }
    return comparisons;
  };

  const compareCors = async (): Promise<Comparison[]> => {
    const [[, api] = ['', {}]] = resources('AWS::ApiGatewayV2::Api');
    const cors = api['CorsConfiguration'] as Props | undefined;
    const comparisons: Comparison[] = [{ kind: 'cors', item: 'configuration', template: cors, local: pipeline.world.cors }];
    if (cors === undefined) return comparisons;
    // And over HTTP: the preflight a browser sends, answered by the gateway before any route.
    const origin = (cors['AllowOrigins'] as string[]).includes('*') ? 'https://anywhere.example' : (cors['AllowOrigins'] as string[])[0]!;
    const preflight = await fetch(`${pipeline.apiUrl}/complaints`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': String((cors['AllowMethods'] as string[])[0]) },
    });
    const header = (name: string) => preflight.headers.get(name) ?? undefined;
    comparisons.push(
      { kind: 'cors', item: 'preflight status', template: 204, local: preflight.status },
      {
        kind: 'cors',
        item: 'preflight allow-origin',
        template: (cors['AllowOrigins'] as string[]).includes('*') ? '*' : origin,
        local: header('access-control-allow-origin'),
      },
      { kind: 'cors', item: 'preflight allow-methods', template: (cors['AllowMethods'] ?? []).join(','), local: header('access-control-allow-methods') },
      { kind: 'cors', item: 'preflight allow-headers', template: (cors['AllowHeaders'] ?? []).join(','), local: header('access-control-allow-headers') },
      {
        kind: 'cors',
        item: 'preflight max-age',
        template: cors['MaxAge'] === undefined ? undefined : String(cors['MaxAge']),
        local: header('access-control-max-age'),
      },
    );
    return comparisons;
  };

  const compareThrottling = (): Comparison[] =>
    resources('AWS::ApiGatewayV2::Stage').flatMap(([logicalId, props]) => {
      const limits = (settings: Props | undefined) =>
        settings?.['ThrottlingRateLimit'] === undefined && settings?.['ThrottlingBurstLimit'] === undefined
          ? undefined
          : { rateLimit: settings?.['ThrottlingRateLimit'], burstLimit: settings?.['ThrottlingBurstLimit'] };
      const routeSettings = Object.entries((props['RouteSettings'] ?? {}) as Record<string, Props>);
      return [
        {
          kind: 'throttling',
          item: `${logicalId} default route`,
          template: limits(props['DefaultRouteSettings']),
          local: pipeline.world.throttling.defaultRoute,
        },
        ...routeSettings.map(
          ([routeKey, settings]): Comparison => ({
            kind: 'throttling',
            item: `${logicalId} ${routeKey}`,
            template: limits({ ...props['DefaultRouteSettings'], ...settings }),
            local: pipeline.world.throttling.routes[routeKey],
          }),
        ),
      ];
    });

  const compareEventSourceMappings = (): Comparison[] =>
    resources('AWS::Lambda::EventSourceMapping').flatMap(([logicalId, props]): Comparison[] => {
      const compare = (item: string, template: unknown, value: unknown): Comparison => ({
        kind: 'event source mapping',
        item: `${logicalId} ${item}`,
        template,
        local: value,
      });
      if (pipeline.world.template.Resources[logicalIdOf(props['EventSourceArn'])!]?.Type === 'AWS::DynamoDB::Table') {
        const stream = pipeline.world.streamMappings.find((mapping) => mapping.logicalId === logicalId);
        return [
          compare('driven', props['Enabled'] !== false, stream !== undefined),
          compare('table', logicalIdOf(props['EventSourceArn']), stream?.table.logicalId),
          compare('function', logicalIdOf(props['FunctionName']), stream && functionLogicalId(stream.functionName)),
          // Lambda's defaults for a stream source: batch size 100, no batching window, retries until the records expire.
          compare('batch size', Number(props['BatchSize'] ?? 100), stream?.batchSize),
          compare('batching window', Number(props['MaximumBatchingWindowInSeconds'] ?? 0), stream?.batchingWindowSeconds),
          compare('starting position', props['StartingPosition'], stream?.startingPosition),
          compare('retries', Number(props['MaximumRetryAttempts'] ?? -1), stream?.maximumRetryAttempts),
          compare('bisects a failed batch', props['BisectBatchOnFunctionError'] === true, stream?.bisectBatchOnFunctionError),
          compare('reports batch item failures', (props['FunctionResponseTypes'] ?? []).includes('ReportBatchItemFailures'), stream?.reportsBatchItemFailures),
          compare('on-failure queue', logicalIdOf(props['DestinationConfig']?.['OnFailure']?.['Destination']), stream?.onFailure?.logicalId),
        ];
      }
      const local = pipeline.world.queueMappings.find((mapping) => mapping.logicalId === logicalId);
      return [
        compare('driven', props['Enabled'] !== false, local !== undefined),
        compare('queue', logicalIdOf(props['EventSourceArn']), local?.queue.logicalId),
        compare('function', logicalIdOf(props['FunctionName']), local && functionLogicalId(local.functionName)),
        // Lambda's defaults for an SQS source: batch size 10, no batching window.
        compare('batch size', Number(props['BatchSize'] ?? 10), local?.batchSize),
        compare('batching window', Number(props['MaximumBatchingWindowInSeconds'] ?? 0), local?.batchingWindowSeconds),
        compare('reports batch item failures', (props['FunctionResponseTypes'] ?? []).includes('ReportBatchItemFailures'), local?.reportsBatchItemFailures),
        // Without a maximum, Lambda scales out; locally two pollers stand in.
        compare('invocations at once', Number(props['ScalingConfig']?.['MaximumConcurrency'] ?? 2), local?.concurrency),
      ];
    });

  const compareFunctions = (): Comparison[] =>
    resources('AWS::Lambda::Function').flatMap(([logicalId, props]): Comparison[] => {
      const hosted = pipeline.world.functions.find((candidate) => candidate.definition.logicalId === logicalId);
      const compare = (item: string, template: unknown, value: unknown): Comparison => ({
        kind: 'function',
        item: `${logicalId} ${item}`,
        template,
        local: value,
      });
      const runtime = String(props['Runtime']);
      return [
        compare('hosted', true, hosted !== undefined),
        // Lambda's defaults: 128 MB, 3 seconds.
        compare('memory', Number(props['MemorySize'] ?? 128), hosted && Number(hosted.env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'])),
        compare('timeout', Number(props['Timeout'] ?? 3), hosted?.definition.timeoutSeconds),
        compare(
          'handler',
          props['Handler'],
          hosted &&
            `${hosted.definition.modulePath
              .split('/')
              .at(-1)
              ?.replace(/\.[cm]?js$/, '')}.${hosted.definition.handlerName}`,
        ),
        // Workers run on this process's Node.js: its major must be the runtime's.
        compare('runtime', runtime, `nodejs${process.versions.node.split('.')[0]}.x`),
        compare('execution environment', `AWS_Lambda_${runtime}`, hosted?.env['AWS_EXECUTION_ENV']),
        compare(
          'environment variable names',
          Object.keys(props['Environment']?.Variables ?? {}).sort(),
          Object.keys(props['Environment']?.Variables ?? {})
            .filter((name) => hosted?.env[name] !== undefined && hosted.env[name] !== '')
            .sort(),
        ),
      ];
    });

  // EventBridge Scheduler schedules and scheduled EventBridge rules; a rule without a
  // ScheduleExpression matches events and is not a schedule.
  const compareSchedules = (): Comparison[] => {
    const templateSchedules = [
      ...resources('AWS::Scheduler::Schedule').map(([logicalId, props]) => ({
        logicalId,
        props,
        timeZone: props['ScheduleExpressionTimezone'] ?? 'UTC',
        targets: [props['Target']] as Props[],
      })),
      ...resources('AWS::Events::Rule')
        .filter(([, props]) => props['ScheduleExpression'] !== undefined)
        .map(([logicalId, props]) => ({ logicalId, props, timeZone: 'UTC', targets: (props['Targets'] ?? []) as Props[] })),
    ];
    const local = pipeline.world.schedules.list();
    return [
      {
        kind: 'schedule',
        item: 'schedules',
        template: templateSchedules.map(({ logicalId }) => logicalId).sort(),
        local: local.map((schedule) => schedule.logicalId).sort(),
      },
      ...templateSchedules.flatMap(({ logicalId, props, timeZone, targets }): Comparison[] => {
        const fired = local.find((schedule) => schedule.logicalId === logicalId);
        const compare = (item: string, template: unknown, value: unknown): Comparison => ({
          kind: 'schedule',
          item: `${logicalId} ${item}`,
          template,
          local: value,
        });
        return [
          compare('name', props['Name'] ?? logicalId, fired?.name),
          compare('expression', props['ScheduleExpression'], fired?.expression),
          compare('time zone', timeZone, fired?.timeZone),
          compare('state', props['State'] === 'DISABLED' ? 'DISABLED' : 'ENABLED', fired?.state),
          compare(
            'target functions',
            targets.map((target) => logicalIdOf(target['Arn'])),
            fired?.targetFunctions.map(functionLogicalId),
          ),
        ];
      }),
    ];
  };

  it('differs from the template in nothing it emulates, and says what it compared', async () => {
    const comparisons = [
      ...(await compareTables()),
      ...(await compareQueues()),
      ...compareRoutes(),
      ...(await compareCors()),
      ...compareThrottling(),
      ...compareEventSourceMappings(),
      ...compareFunctions(),
      ...compareSchedules(),
    ];

    const inventory = Object.entries(Object.groupBy(comparisons, (comparison) => comparison.kind)).map(([kind, items]) => `${kind} ${items?.length}`);
    console.log(`fidelity: ${comparisons.length} items compared (${inventory.join(', ')})`);
    const differences = comparisons.filter((comparison) => !isDeepEqual(comparison.template, comparison.local));
    expect(differences).toEqual([]);
    // Every kind was compared at least once: an empty world must not pass by comparing nothing.
    expect(new Set(comparisons.map((comparison) => comparison.kind)).size).toBe(8);
  });
});

function isDeepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Objects with keys sorted and undefined fields dropped, so only values are compared. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, field]) => [key, canonical(field)]),
  );
}
