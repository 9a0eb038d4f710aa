import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoDbCaseIntakeStore } from '../shared/adapters/dynamodb-case-intake-store.ts';
import { caseResolvedSchema } from '../shared/contracts/case-resolved.ts';
import { acceptCaseResolution } from '../shared/core/surveys/accept-case-resolution.ts';
import { callDependency } from '../shared/http/call-dependency.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { jsonResponse } from '../shared/http/json-response.ts';
import { readJsonBody } from '../shared/http/read-json-body.ts';
import { logger } from '../shared/logger.ts';
import { readRuntimeConfig, requiredSetting } from '../shared/runtime-config.ts';
import { surveyPolicySetting } from '../shared/survey-policy-setting.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, SURVEY_POLICY: surveyPolicySetting }, process.env);
const store = new DynamoDbCaseIntakeStore(new DynamoDBClient({}), config.TABLE_NAME);

/** `POST /cases/resolved` (integration key): schedule the case's survey, or say why not. */
export const handle = async (event: APIGatewayProxyEventV2) => {
  const caseResolved = readJsonBody(event, caseResolvedSchema);
  const answer = await callDependency(acceptCaseResolution(caseResolved, { store, settings: config.SURVEY_POLICY, now: new Date() }));
  // Ids and reasons only: the body names a person.
  logger.info('Case resolution taken', { caseId: caseResolved.caseId, outcome: answer.kind, reason: answer.kind === 'skipped' ? answer.reason : undefined });
  if (answer.kind === 'skipped') return jsonResponse(200, { skipped: answer.reason });
  return jsonResponse(202, { invitationId: answer.invitationId, scheduledFor: answer.scheduledFor });
};

export const handler = httpHandler(handle);
