import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoDbCaseIntakeStore } from '../adapters/dynamodb-case-intake-store.ts';
import { caseReopenedSchema } from '../contracts/case-reopened.ts';
import { reopenCase } from '../core/reopen-case.ts';
import { callDependency } from '../../platform/http/call-dependency.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';
import { readJsonBody } from '../../platform/http/read-json-body.ts';
import { logger } from '../../platform/logging/logger.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting }, process.env);
const store = new DynamoDbCaseIntakeStore(new DynamoDBClient({}), config.TABLE_NAME);

/** `POST /cases/reopened` (integration key): cancel the case's survey if not yet sent. */
export const handle = async (event: APIGatewayProxyEventV2) => {
  const { caseId } = readJsonBody(event, caseReopenedSchema);
  const answer = await callDependency(reopenCase(caseId, { store, now: new Date() }));
  logger.info('Case reopen taken', { caseId, invitation: answer.invitation });
  return jsonResponse(200, answer);
};

export const handler = httpHandler(handle);
