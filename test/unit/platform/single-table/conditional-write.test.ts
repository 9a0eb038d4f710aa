import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { conditionalWrite } from '../../../../functions/platform/single-table/conditional-write.ts';

const dynamodb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'eu-west-1' });
const putOnce = () =>
  client.send(
    new PutItemCommand({ TableName: 'table', Item: { pk: { S: 'COMPLAINT#1' }, sk: { S: 'COMPLAINT' } }, ConditionExpression: 'attribute_not_exists(pk)' }),
  );

beforeEach(() => dynamodb.reset());

describe('conditionalWrite', () => {
  it('reports a write whose condition held', async () => {
    dynamodb.on(PutItemCommand).resolves({});

    await expect(conditionalWrite(putOnce())).resolves.toBe('written');
  });

  it('reports a failed condition as an answer, not an error', async () => {
    dynamodb.on(PutItemCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    await expect(conditionalWrite(putOnce())).resolves.toBe('condition_failed');
  });

  it('passes every other error through', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'Slow down', $metadata: {} });
    dynamodb.on(PutItemCommand).rejects(throttled);

    await expect(conditionalWrite(putOnce())).rejects.toBe(throttled);
  });
});
