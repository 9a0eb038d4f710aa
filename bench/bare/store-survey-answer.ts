// The yardstick for functions/surveys/store-survey-answer: the notifier at init (see bare-notifier.ts); per
// queued answer the invitation and the response (consistent GetItems) and the answer's
// TransactWriteItems (DynamoDbSurveyAnswerStore); for a confirmed CSAT of 1 also the escalation
// request (conditional PutItem), its context (BatchGetItem), the escalation's TransactWriteItems
// (DynamoDbSurveyEscalationStore) and the supervisor's email. Partial batch failures; no
// validation, no policy or escalation rules, no logging or metrics.
import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bareNotifier } from './bare-notifier.ts';
import { bareBatchHandler } from './batch-failures.ts';

const tableName = process.env.TABLE_NAME ?? '';
const dynamodb = new DynamoDBClient({});
const notifier = await bareNotifier(dynamodb);

interface QueuedAnswer {
  readonly invitationId: string;
  readonly responseId: string;
  readonly source: string;
  readonly submittedAt: string;
  readonly answer: { readonly csat?: number };
}

const getItem = async (pk: string, sk: string) => {
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: marshall({ pk, sk }), ConsistentRead: true }));
  return Item ? unmarshall(Item) : undefined;
};

const escalate = async (message: QueuedAnswer, customerId: string) => {
  const requestKey = { pk: `ESCALATION_REQUEST#${message.responseId}`, sk: 'ESCALATION_REQUEST' };
  try {
    await dynamodb.send(
      new PutItemCommand({ TableName: tableName, Item: marshall({ ...requestKey, ...message.answer }), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const { Responses } = await dynamodb.send(
    new BatchGetItemCommand({
      RequestItems: {
        [tableName]: {
          Keys: [requestKey, { pk: 'ROUND_ROBIN', sk: 'ROUND_ROBIN' }, { pk: `CUSTOMER#${customerId}`, sk: 'CONTACT' }].map((key) => marshall(key)),
        },
      },
    }),
  );
  const context = Object.assign({}, ...(Responses?.[tableName] ?? []).map((item) => unmarshall(item))) as Record<string, unknown>;
  const escalationId = message.responseId;
  const notificationId = `${escalationId}-opened`;
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: marshall({ pk: `ESCALATION#${escalationId}`, sk: 'ESCALATION', ...message.answer }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: tableName, Item: marshall({ pk: `NOTIFICATION#${notificationId}`, sk: 'NOTIFICATION', escalationId }) } },
        { Delete: { TableName: tableName, Key: marshall(requestKey) } },
      ],
    }),
  );
  await notifier.deliver([{ notificationId, escalationId, context }]);
};

export const handler = bareBatchHandler(async (record) => {
  const message = JSON.parse(record.body) as QueuedAnswer;
  const [invitation] = await Promise.all([
    getItem(`INVITATION#${message.invitationId}`, 'INVITATION'),
    getItem(`INVITATION#${message.invitationId}`, 'RESPONSE'),
  ]);
  if (!invitation) return;
  const confirmed = message.source !== 'one_click';
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: marshall({ pk: `INVITATION#${message.invitationId}`, sk: 'RESPONSE', ...message }, { removeUndefinedValues: true }),
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: marshall({ pk: `INVITATION#${message.invitationId}`, sk: 'INVITATION' }),
            UpdateExpression: 'SET #state = :answered',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: marshall({ ':answered': 'answered' }),
          },
        },
      ],
    }),
  );
  if (confirmed && message.answer.csat === 1) await escalate(message, String(invitation.customerId));
});
