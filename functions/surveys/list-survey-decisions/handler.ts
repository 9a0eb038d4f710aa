import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoDbCaseIntakeStore } from '../adapters/dynamodb-case-intake-store.ts';
import { caseIdSchema } from '../contracts/case-reopened.ts';
import { callDependency } from '../../platform/http/call-dependency.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';
import { detailsOf } from '../../platform/http/read-json-body.ts';
import { ValidationError } from '../../platform/http/request-errors.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting }, process.env);
const store = new DynamoDbCaseIntakeStore(new DynamoDBClient({}), config.TABLE_NAME);

/**
 * `GET /cases/{caseId}/survey-decisions` (integration key): the case's survey decision log, oldest
 * first, so an operator can answer "why did this customer get no survey?".
 */
export const handle = async (event: APIGatewayProxyEventV2) => {
  const parsed = caseIdSchema.safeParse(event.pathParameters?.caseId);
  if (!parsed.success) throw new ValidationError(detailsOf(parsed.error.issues.map((issue) => ({ ...issue, path: ['caseId', ...issue.path] }))));
  const decisions = await callDependency(store.listDecisions(parsed.data));
  return jsonResponse(200, { caseId: parsed.data, decisions });
};

export const handler = httpHandler(handle);
