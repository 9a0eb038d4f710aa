import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoDbCaseIntakeStore } from '../adapters/dynamodb-case-intake-store.ts';
import { caseResolvedSchema } from '../contracts/case-resolved.ts';
import { acceptCaseResolution } from '../core/accept-case-resolution.ts';
import { callDependency } from '../../platform/http/call-dependency.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';
import { readJsonBody } from '../../platform/http/read-json-body.ts';
import { logger } from '../../platform/logging/logger.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { surveyPolicySetting } from '../settings/survey-policy-setting.ts';

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
