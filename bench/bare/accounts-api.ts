// The yardstick for functions/escalation/accounts-api: a POST /accounts as the core runs it, per
// request AdminGetUser, AdminCreateUser and AdminAddUserToGroup, then the directory's consistent
// GetItem and its TransactWriteItems (new version, audit entry). No validation, no rules, no logging.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const tableName = process.env.TABLE_NAME;
const poolId = process.env.USER_POOL_ID;
const dynamodb = new DynamoDBClient({});
const cognito = new CognitoIdentityProviderClient({});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const { user, email, name, role, team } = JSON.parse(event.body ?? '{}') as Record<string, string>;
  await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: user })).catch(() => undefined);
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: user,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'name', Value: name },
        { Name: 'custom:team', Value: team },
      ],
    }),
  );
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: user, GroupName: role }));
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: marshall({ pk: 'DIRECTORY', sk: 'CURRENT' }), ConsistentRead: true }));
  const stored = unmarshall(Item ?? {});
  const directory = stored.directory;
  directory.teams[team!].supervisors.push({ id: user, name, email });
  const version = Number(stored.version) + 1;
  const at = new Date().toISOString();
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: marshall({ pk: 'DIRECTORY', sk: 'CURRENT', directory, version, updatedAt: at }),
            ConditionExpression: 'version = :read',
            ExpressionAttributeValues: marshall({ ':read': version - 1 }),
          },
        },
        { Put: { TableName: tableName, Item: marshall({ pk: 'DIRECTORY', sk: `CHANGE#${at}#${version}`, at, version }) } },
      ],
    }),
  );
  return { statusCode: 201, body: JSON.stringify({ user, outcome: 'created' }) };
};
