import type { LocalPipeline } from '../../../local/start-local-pipeline.ts';
import { DynamoDBClient, GetItemCommand, paginateScan } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/** What the global setup hands each test file: where the local pipeline listens. */
export interface PipelineConnection {
  readonly apiUrl: string;
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  readonly tableName: string;
  /** The report counters' table. */
  readonly countersTableName: string;
  readonly queues: Record<string, { readonly url: string; readonly arn: string }>;
  /** The local schedules' control endpoint: `GET {controlUrl}/schedules`, `POST {controlUrl}/schedules/{name}/run`. */
  readonly controlUrl: string;
  /** `Authorization: Bearer <integrationKey>` admits the integration routes (/cases/*). */
  readonly integrationKey?: string | undefined;
  /** The secret holding it (`npm run admin -- rotate-integration-key --secret <this>`). */
  readonly integrationKeySecretArn?: string | undefined;
  /** aws-ses-v2-local: `GET {mailUrl}/store` lists every email sent. */
  readonly mailUrl: string;
  /** dynamodb-admin over the local table: `GET {dataBrowserUrl}/api/tables` lists the tables. */
  readonly dataBrowserUrl: string;
  /** The local Secrets Manager and the secret ARNs by logical id (the link-signing key ring is one). */
  readonly secretsEndpoint: string;
  readonly secrets: Record<string, string>;
  /** The local token issuer (`iss` of supervisor tokens) and a token per demo user. */
  readonly authIssuerUrl: string;
  readonly supervisorTokens: Record<string, string>;
  /** The emulated user pool and its demo users' passwords, as local.json lists them. */
  readonly userPool: LocalPipeline['userPool'];
  readonly demoUsers: LocalPipeline['demoUsers'];
  /** The pipeline's data folder: tests mint other tokens with the issuer's key kept there. */
  readonly dataDir?: string;
}

const localAws = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/**
 * A DynamoDB client on the local DynamoDB that records every command it sends (name and input),
 * for the tests that count requests per operation.
 *
 * @example
 * ```ts
 * const { client, sent, commands } = recordingDynamoDbClient(pipeline.dynamodbEndpoint);
 * await new DynamoDbEscalationStore(client, pipeline.tableName).get(id);
 * expect(commands()).toEqual(['QueryCommand']);
 * ```
 */
export const recordingDynamoDbClient = (endpoint: string) => {
  const sent: { readonly command: string; readonly input: { readonly ConsistentRead?: boolean } }[] = [];
  const client = new DynamoDBClient(localAws(endpoint));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ command: String(context.commandName), input: args.input as { ConsistentRead?: boolean } });
      return next(args);
    },
    { step: 'initialize' },
  );
  return { client, sent, commands: () => sent.map(({ command }) => command) };
};

/** Test-side clients and helpers over a running local pipeline. */
export const connectTo = (pipeline: PipelineConnection) => {
  const dynamodb = new DynamoDBClient(localAws(pipeline.dynamodbEndpoint));
  const sqs = new SQSClient(localAws(pipeline.sqsEndpoint));

  const request = async (method: string, path: string, init: { body?: string | Buffer; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${pipeline.apiUrl}${path}`, { method, body: init.body, headers: init.headers });
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };

  const connection = {
    dynamodb,
    sqs,
    request,
    postJson: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      request('POST', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }),
    getItem: async (pk: string, sk: string) => {
      const { Item } = await dynamodb.send(new GetItemCommand({ TableName: pipeline.tableName, Key: marshall({ pk, sk }) }));
      return Item ? unmarshall(Item) : undefined;
    },
    /** Items whose attribute `name` equals `value` (a scan: test tables are small). */
    itemsWhere: async (name: string, value: string) => {
      const items: Record<string, unknown>[] = [];
      const pages = paginateScan(
        { client: dynamodb },
        {
          TableName: pipeline.tableName,
          FilterExpression: '#name = :value',
          ExpressionAttributeNames: { '#name': name },
          ExpressionAttributeValues: marshall({ ':value': value }),
        },
      );
      for await (const page of pages) items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      return items;
    },
    countItems: async () => {
      let count = 0;
      for await (const page of paginateScan({ client: dynamodb }, { TableName: pipeline.tableName, Select: 'COUNT' })) count += page.Count ?? 0;
      return count;
    },
    /** Visible plus in-flight messages of a queue, found by a fragment of its logical id. */
    queueDepth: async (logicalIdFragment: RegExp) => {
      const entry = Object.entries(pipeline.queues).find(([logicalId]) => logicalIdFragment.test(logicalId));
      if (!entry) throw new Error(`No queue matches ${logicalIdFragment}: ${Object.keys(pipeline.queues).join(', ')}`);
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: entry[1].url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    },
    /**
     * Waits until a queue holds nothing, visible or in flight: every message sent to it before the
     * call has been received and deleted by its consumer (or moved to its dead-letter queue), so a
     * check that "nothing changed" afterwards has given the pipeline its chance.
     */
    queueDrained: async (logicalIdFragment: RegExp, timeoutMs = 20_000) => {
      await eventually(async () => ((await connection.queueDepth(logicalIdFragment)) === 0 ? true : undefined), timeoutMs, `${logicalIdFragment} to drain`);
    },
    queueUrl: (logicalIdFragment: RegExp) => {
      const entry = Object.entries(pipeline.queues).find(([logicalId]) => logicalIdFragment.test(logicalId));
      if (!entry) throw new Error(`No queue matches ${logicalIdFragment}`);
      return entry[1].url;
    },
  };
  return connection;
};

/** Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`. */
export const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The template's queues, by the logical ids CDK gives them. */
export const QUEUES = {
  complaints: /^ComplaintsComplaintQueue(?!DeadLetter)/,
  complaintDeadLetters: /^ComplaintsComplaintQueueDeadLetterQueue/,
  feedback: /^FeedbackFeedbackQueue(?!DeadLetter)/,
  feedbackDeadLetters: /^FeedbackFeedbackQueueDeadLetterQueue/,
  surveyAnswers: /^SurveyPagesAnswerQueue(?!DeadLetter)/,
  surveyMail: /^SurveyMailNotificationQueue(?!DeadLetter)/,
  deliveryEvents: /^SurveyMailEventsDeliveryEventQueue(?!DeadLetter)/,
  campaignChunks: /^SurveyCampaignsChunkQueue(?!DeadLetter)/,
} as const;
