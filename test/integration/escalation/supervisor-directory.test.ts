import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { loadEscalationSettings } from '../../../infra/escalation-settings.ts';

const pipeline = inject('pipeline');
const client = new DynamoDBClient({
  endpoint: pipeline.dynamodbEndpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

describe('the supervisor directory', () => {
  it('is in the table from the start, seeded once from config/supervisor-directory.json', async () => {
    const { Item } = await client.send(new GetItemCommand({ TableName: pipeline.tableName, Key: marshall({ pk: 'DIRECTORY', sk: 'CURRENT' }) }));
    expect(Item).toBeDefined();
    expect(unmarshall(Item!)).toMatchObject({ directory: loadEscalationSettings().directory, version: 1, updatedBy: 'seed' });
  });
});
