import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type StreamViewType,
} from '@aws-sdk/client-dynamodb';
import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';
import type { ResourceProperties } from '../template/resource-schemas.ts';
import { localAccountId, localRegion } from './local-aws.ts';
import type { LocalResourceValues } from '../template/resolve-intrinsics.ts';

export interface LocalTable {
  readonly logicalId: string;
  readonly tableName: string;
  readonly arn: string;
}

type Props = ResourceProperties<'AWS::DynamoDB::Table'>;

/**
 * Creates every AWS::DynamoDB::Table and ::GlobalTable of the template in DynamoDB Local, with
 * keys, indexes, billing mode, streams and TTL. Existing tables are kept as they are, so data
 * persists across restarts (a changed key schema needs `rm -rf .data/dynamodb`); one the template
 * has since given a stream gets it.
 *
 * @example
 * const tables = await provisionTables(dynamodb.client, template);
 */
export async function provisionTables(client: DynamoDBClient, template: CfnTemplate): Promise<LocalTable[]> {
  const tables = [...readResources(template, 'AWS::DynamoDB::Table'), ...readResources(template, 'AWS::DynamoDB::GlobalTable')];
  return Promise.all(
    tables.map(async ([logicalId, props]) => {
      const input = createTableInput(logicalId, props);
      await createTableIfMissing(client, input);
      await enableTimeToLive(client, input.TableName!, props.TimeToLiveSpecification);
      const arn = `arn:aws:dynamodb:${localRegion}:${localAccountId}:table/${input.TableName}`;
      return { logicalId, tableName: input.TableName!, arn };
    }),
  );
}

/** Maps the CloudFormation properties to CreateTable; the table name is the logical id unless set. */
function createTableInput(logicalId: string, props: Props): CreateTableCommandInput {
  const billingMode = props.BillingMode ?? 'PROVISIONED';
  // DynamoDB Local requires throughput for provisioned tables; the numbers mean nothing locally.
  const throughput = billingMode === 'PROVISIONED' ? { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } : {};
  const indexes = (list: Props['GlobalSecondaryIndexes'], withThroughput: boolean) =>
    list?.map((index) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema,
      Projection: index.Projection,
      ...(withThroughput ? throughput : {}),
    }));
  const stream = props.StreamSpecification;
  return {
    TableName: props.TableName ?? logicalId,
    KeySchema: props.KeySchema,
    AttributeDefinitions: props.AttributeDefinitions,
    BillingMode: billingMode,
    ...throughput,
    GlobalSecondaryIndexes: indexes(props.GlobalSecondaryIndexes, true),
    LocalSecondaryIndexes: indexes(props.LocalSecondaryIndexes, false),
    ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType as StreamViewType } } : {}),
  };
}

async function createTableIfMissing(client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await enableStreamIfMissing(client, input);
  }
}

// A table made before the template gave it a stream gets one, as CloudFormation's update would.
async function enableStreamIfMissing(client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  if (input.StreamSpecification === undefined) return;
  const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
  if (Table?.StreamSpecification?.StreamEnabled === true) return;
  await client.send(new UpdateTableCommand({ TableName: input.TableName, StreamSpecification: input.StreamSpecification }));
}

async function enableTimeToLive(client: DynamoDBClient, tableName: string, specification: Props['TimeToLiveSpecification']): Promise<void> {
  if (specification?.Enabled !== true) return;
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (current.TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: specification.AttributeName, Enabled: true },
    }),
  );
}

/** `Ref` of a table is its name; `Fn::GetAtt` gives Arn and StreamArn. */
export function tableValues(tables: readonly LocalTable[]): LocalResourceValues {
  return {
    refs: new Map(tables.map((table) => [table.logicalId, table.tableName])),
    attributes: new Map(
      tables.flatMap((table) => [
        [`${table.logicalId}.Arn`, table.arn],
        [`${table.logicalId}.StreamArn`, `${table.arn}/stream/local`],
      ]),
    ),
  };
}
