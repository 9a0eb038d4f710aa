// The yardstick for functions/surveys/record-delivery-events: per SES bounce or complaint event the
// invitation its tags name (consistent GetItem) and the suppression's TransactWriteItems, as
// DynamoDbDeliveryEventStore's getInvitation and recordSuppression; partial batch failures. No
// validation, no logging or metrics.
import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bareBatchHandler } from './batch-failures.ts';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});

interface DeliveryEvent {
  readonly detail?: {
    readonly eventType?: string;
    readonly mail?: { readonly tags?: Record<string, string[]>; readonly destination?: string[] };
  };
}

const recordEvent = async (event: DeliveryEvent) => {
  const invitationId = event.detail?.mail?.tags?.invitationId?.[0];
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: tableName, Key: marshall({ pk: `INVITATION#${invitationId}`, sk: 'INVITATION' }), ConsistentRead: true }),
  );
  const invitation = Item ? unmarshall(Item) : undefined;
  const at = new Date().toISOString();
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        ...(event.detail?.mail?.destination ?? []).map((address) => ({
          Put: {
            TableName: tableName,
            Item: marshall({ pk: `ADDRESS#${address.toLowerCase()}`, sk: 'SUPPRESSION', reason: event.detail?.eventType, suppressedAt: at }),
          },
        })),
        ...(invitation
          ? [
              {
                Update: {
                  TableName: tableName,
                  Key: marshall({ pk: `CUSTOMER#${invitation.customerId}`, sk: 'HISTORY' }),
                  UpdateExpression: 'SET suppression = :reason',
                  ExpressionAttributeValues: marshall({ ':reason': String(event.detail?.eventType) }),
                },
              },
            ]
          : []),
      ],
    }),
  );
};

export const handler = bareBatchHandler((record) => recordEvent(JSON.parse(record.body) as DeliveryEvent));
