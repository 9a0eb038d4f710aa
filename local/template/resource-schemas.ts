import { z } from 'zod';

// Loose objects: a template carries many properties the local runtime does not read, and those
// stay unchecked. Values that may be intrinsics (Ref, Fn::GetAtt, Fn::Join) are `unknown` here and
// resolved by resolveIntrinsics; numbers are coerced because CloudFormation accepts "30" for 30.
const intrinsic = z.unknown();
const count = z.coerce.number<unknown>().int().nonnegative();
const keySchema = z.array(z.looseObject({ AttributeName: z.string(), KeyType: z.enum(['HASH', 'RANGE']) })).min(1);
const secondaryIndex = z.looseObject({ IndexName: z.string(), KeySchema: keySchema, Projection: z.looseObject({}) });

const tableSchema = z.looseObject({
  TableName: z.string().optional(),
  KeySchema: keySchema,
  AttributeDefinitions: z.array(z.looseObject({ AttributeName: z.string(), AttributeType: z.enum(['S', 'N', 'B']) })),
  BillingMode: z.enum(['PROVISIONED', 'PAY_PER_REQUEST']).optional(),
  GlobalSecondaryIndexes: z.array(secondaryIndex).optional(),
  LocalSecondaryIndexes: z.array(secondaryIndex).optional(),
  StreamSpecification: z.looseObject({ StreamViewType: z.string().optional() }).optional(),
  TimeToLiveSpecification: z.looseObject({ AttributeName: z.string().optional(), Enabled: z.boolean() }).optional(),
});

/**
 * The properties the local runtime reads, one schema per CloudFormation resource type, so a
 * template of an unexpected shape fails at start-up naming the resource rather than deep inside.
 *
 * @example
 * const props = resourceSchemas['AWS::SQS::Queue'].parse(template.Resources['ItemsQueue'].Properties);
 */
export const resourceSchemas = {
  'AWS::Lambda::Function': z.looseObject({
    FunctionName: z.string().optional(),
    Handler: z.string().default('index.handler'),
    Runtime: z.string().optional(),
    // Lambda's defaults when the template leaves them out.
    Timeout: count.default(3),
    MemorySize: count.default(128),
    Environment: z.looseObject({ Variables: z.record(z.string(), intrinsic).optional() }).optional(),
    Code: z.looseObject({ S3Key: intrinsic.optional() }),
  }),
  'AWS::Lambda::EventSourceMapping': z.looseObject({
    EventSourceArn: intrinsic,
    FunctionName: intrinsic,
    Enabled: z.boolean().optional(),
    BatchSize: count.optional(),
    MaximumBatchingWindowInSeconds: count.optional(),
    ScalingConfig: z.looseObject({ MaximumConcurrency: count.optional() }).optional(),
    FunctionResponseTypes: z.array(z.string()).optional(),
    // Streams only.
    StartingPosition: z.string().optional(),
    MaximumRetryAttempts: z.coerce.number<unknown>().int().min(-1).optional(),
    BisectBatchOnFunctionError: z.boolean().optional(),
    DestinationConfig: z.looseObject({ OnFailure: z.looseObject({ Destination: intrinsic }).optional() }).optional(),
    FilterCriteria: intrinsic.optional(),
  }),
  'AWS::SQS::Queue': z.looseObject({
    QueueName: z.string().optional(),
    FifoQueue: z.boolean().optional(),
    RedrivePolicy: z.looseObject({ deadLetterTargetArn: intrinsic, maxReceiveCount: count }).optional(),
  }),
  'AWS::DynamoDB::Table': tableSchema,
  'AWS::DynamoDB::GlobalTable': tableSchema,
  'AWS::ApiGatewayV2::Api': z.looseObject({
    CorsConfiguration: z
      .looseObject({
        AllowOrigins: z.array(z.string()).optional(),
        AllowMethods: z.array(z.string()).optional(),
        AllowHeaders: z.array(z.string()).optional(),
        ExposeHeaders: z.array(z.string()).optional(),
        MaxAge: count.optional(),
        AllowCredentials: z.boolean().optional(),
      })
      .optional(),
  }),
  'AWS::ApiGatewayV2::Route': z.looseObject({
    ApiId: intrinsic,
    RouteKey: z.string(),
    Target: intrinsic.optional(),
    AuthorizationType: z.enum(['NONE', 'CUSTOM', 'JWT', 'AWS_IAM']).optional(),
    AuthorizerId: intrinsic.optional(),
    AuthorizationScopes: z.array(z.string()).optional(),
  }),
  // Lambda (REQUEST) and JWT authorizers of HTTP APIs; local/gateway/http-api-authorizers.ts reads them.
  'AWS::ApiGatewayV2::Authorizer': z.looseObject({
    ApiId: intrinsic,
    Name: z.string(),
    AuthorizerType: z.enum(['REQUEST', 'JWT']),
    AuthorizerUri: intrinsic.optional(),
    AuthorizerPayloadFormatVersion: z.enum(['1.0', '2.0']).optional(),
    EnableSimpleResponses: z.boolean().optional(),
    IdentitySource: z.array(z.string()).optional(),
    AuthorizerResultTtlInSeconds: count.optional(),
    JwtConfiguration: z.looseObject({ Audience: intrinsic.optional(), Issuer: intrinsic.optional() }).optional(),
  }),
  'AWS::ApiGatewayV2::Integration': z.looseObject({ ApiId: intrinsic, IntegrationType: z.string(), IntegrationUri: intrinsic.optional() }),
  'AWS::ApiGatewayV2::Stage': z.looseObject({ ApiId: intrinsic, StageName: z.string() }),
  // EventBridge Scheduler: the expression is read by local/schedules/schedule-expression.ts.
  'AWS::Scheduler::Schedule': z.looseObject({
    Name: z.string().optional(),
    GroupName: z.string().optional(),
    ScheduleExpression: z.string(),
    ScheduleExpressionTimezone: z.string().optional(),
    State: z.enum(['ENABLED', 'DISABLED']).optional(),
    StartDate: z.string().optional(),
    EndDate: z.string().optional(),
    FlexibleTimeWindow: z.looseObject({ Mode: z.enum(['OFF', 'FLEXIBLE']), MaximumWindowInMinutes: count.optional() }),
    Target: z.looseObject({ Arn: intrinsic, Input: intrinsic.optional() }),
  }),
  // An EventBridge rule fires on a schedule only when it has a ScheduleExpression (else it matches events).
  'AWS::Events::Rule': z.looseObject({
    Name: z.string().optional(),
    ScheduleExpression: z.string().optional(),
    State: z.string().optional(),
    Targets: z.array(z.looseObject({ Arn: intrinsic, Id: z.string(), Input: intrinsic.optional() })).optional(),
  }),
  'AWS::SecretsManager::Secret': z.looseObject({
    Name: z.string().optional(),
    SecretString: z.string().optional(),
    GenerateSecretString: z
      .looseObject({
        ExcludeCharacters: z.string().optional(),
        ExcludeNumbers: z.boolean().optional(),
        ExcludePunctuation: z.boolean().optional(),
        IncludeSpace: z.boolean().optional(),
        PasswordLength: count.optional(),
        SecretStringTemplate: z.string().optional(),
        GenerateStringKey: z.string().optional(),
      })
      .optional(),
  }),
} as const;

export type ReadableResourceType = keyof typeof resourceSchemas;
export type ResourceProperties<Type extends ReadableResourceType> = z.output<(typeof resourceSchemas)[Type]>;
