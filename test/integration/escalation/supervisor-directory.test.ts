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
    // Other tests of this pipeline may have changed it since (an admin adding a supervisor): the seed is all still there.
    const stored = unmarshall(Item!) as { directory: ReturnType<typeof loadEscalationSettings>['directory']; version: number };
    const seed = loadEscalationSettings().directory;
    // Who they are, not their away dates, which the other tests set and clear.
    const identityOf = ({ id, name, email }: (typeof seed)['head']) => ({ id, name, email });
    expect(identityOf(stored.directory.head)).toEqual(seed.head);
    expect(Object.keys(stored.directory.teams).sort()).toEqual(Object.keys(seed.teams).sort());
    for (const [team, { supervisors, lead }] of Object.entries(seed.teams)) {
      expect(identityOf(stored.directory.teams[team]!.lead)).toEqual(lead);
      expect(stored.directory.teams[team]!.supervisors.map(identityOf)).toEqual(expect.arrayContaining(supervisors));
    }
    expect(stored.version).toBeGreaterThanOrEqual(1);
  });
});
