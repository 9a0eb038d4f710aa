import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoDbCaseIntakeStore } from '../shared/adapters/dynamodb-case-intake-store.ts';
import { caseReopenedSchema } from '../shared/contracts/case-reopened.ts';
import { reopenCase } from '../shared/core/surveys/reopen-case.ts';
import { callDependency } from '../shared/http/call-dependency.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { jsonResponse } from '../shared/http/json-response.ts';
import { readJsonBody } from '../shared/http/read-json-body.ts';
import { logger } from '../shared/logger.ts';
import { readRuntimeConfig, requiredSetting } from '../shared/runtime-config.ts';

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
