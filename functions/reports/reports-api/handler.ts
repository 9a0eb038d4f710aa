import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { listSetting, readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { DynamoDbCounterStore } from '../adapters/dynamodb-counter-store.ts';
import { DynamoDbExportReader } from '../adapters/dynamodb-export-reader.ts';
import { reportsRoutes } from './reports-routes.ts';

const config = readRuntimeConfig({ REPORTS_TABLE_NAME: requiredSetting, TABLE_NAME: requiredSetting, ESCALATION_TEAMS: listSetting }, process.env);
const dynamodb = new DynamoDBClient({});

/**
 * The reports API (`/reports…`), behind the supervisors' JWT authorizer: its own function, with
 * Query on the counters table (summaries) and on the feedback table's gsi1 only (exports).
 */
export const handle = reportsRoutes({
  counters: new DynamoDbCounterStore(dynamodb, config.REPORTS_TABLE_NAME),
  exports: new DynamoDbExportReader(dynamodb, config.TABLE_NAME),
  teams: config.ESCALATION_TEAMS,
});

export const handler = httpHandler(handle);
