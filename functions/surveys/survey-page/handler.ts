import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { renderMessagePage } from '../pages/render-message-page.ts';
import { renderSurveyPage, type SurveyFormValues } from '../pages/render-survey-page.ts';
import { DynamoDbSurveyAnswerStore } from '../adapters/dynamodb-survey-answer-store.ts';
import { loadSigningKeyRing } from '../../links/adapters/secrets-manager-signing-key.ts';
import { SqsMessageQueue } from '../../platform/queue/sqs-message-queue.ts';
import type { SurveyAnswer } from '../contracts/survey-answer.ts';
import { type SurveyAnswerSubmittedMessage, surveyAnswerSchemaFor } from '../contracts/survey-answer-message.ts';
import { verificationKeysOf } from '../../links/core/signing-key-ring.ts';
import type { SurveyInvitation } from '../core/customer-survey-history.ts';
import { type AnswerSource, type SurveyResponse, surveyResponseId } from '../core/record-survey-answer.ts';
import { surveyPageOpening } from '../core/one-click-score.ts';
import { surveyPageState } from '../core/survey-page-state.ts';
import { verifySurveyToken } from '../core/survey-token.ts';
import { callDependency } from '../../platform/http/call-dependency.ts';
import { DependencyUnavailableError } from '../../platform/http/request-errors.ts';
import { wantsJson } from '../../platform/http/html-response.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';
import { isFormBody, readFormBody } from '../../platform/http/read-form-body.ts';
import { readJsonBody } from '../../platform/http/read-json-body.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { openSurveyLink } from '../wiring/open-survey-link.ts';
import { pageResponse, unavailableLinkResponse } from '../wiring/unavailable-link-response.ts';
import { withPageErrors } from '../wiring/with-page-errors.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { surveyPolicySetting } from '../settings/survey-policy-setting.ts';
import { answerFromForm, repeatableSurveyFields } from './answer-from-form.ts';
import { errorForLog } from '../../platform/logging/error-for-log.ts';

const config = readRuntimeConfig(
  { TABLE_NAME: requiredSetting, SIGNING_KEY_SECRET_ARN: requiredSetting, SURVEY_ANSWER_QUEUE_URL: requiredSetting, SURVEY_POLICY: surveyPolicySetting },
  process.env,
);
// Eventually consistent reads, half the read units: the page only shows what it reads, and the
// consumer checks the answer again against strongly consistent reads and conditional writes.
const store = new DynamoDbSurveyAnswerStore(new DynamoDBClient({}), config.TABLE_NAME, { consistentReads: false });
const queue = new SqsMessageQueue<SurveyAnswerSubmittedMessage>(new SQSClient({}), config.SURVEY_ANSWER_QUEUE_URL);
const verificationKeys = verificationKeysOf(await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN));
const reasons = config.SURVEY_POLICY.reasons;
const answerSchemas = {
  post_resolution: surveyAnswerSchemaFor('post_resolution', reasons),
  relationship: surveyAnswerSchemaFor('relationship', reasons),
};

const queueAnswer = async (invitation: SurveyInvitation, answer: SurveyAnswer, source: AnswerSource, now: Date) => {
  const responseId = surveyResponseId(invitation.invitationId);
  await callDependency(
    queue.send({
      type: 'survey.answer_submitted',
      version: 1,
      invitationId: invitation.invitationId,
      responseId,
      source,
      submittedAt: now.toISOString(),
      answer,
    }),
  );
  metrics.addMetric(source === 'one_click' ? 'SurveyScoreProvisional' : 'SurveyAnswerAccepted', MetricUnit.Count, 1);
  return responseId;
};

const formValuesOf = (answer: Partial<SurveyAnswer> | undefined): SurveyFormValues => ({
  score: answer?.csat ?? answer?.nps,
  ces: answer?.ces,
  reasons: answer?.reasons,
  comment: answer?.comment,
});

const responseView = (response: SurveyResponse | undefined) =>
  response && { responseId: response.responseId, status: response.status, source: response.source, answer: response.answer, updatedAt: response.updatedAt };

// A POST's body says what the client is: a form is the page, anything else an API client.
const wantsJsonAnswer = (event: APIGatewayProxyEventV2) => (event.requestContext.http.method === 'POST' ? !isFormBody(event) : wantsJson(event.headers));

/**
 * `GET /s/{token}`: the survey page (or its state as JSON); `?score=N` from a rating link
 * pre-selects the score and records it as provisional. `POST /s/{token}`: the page's form or an
 * API client's JSON answer, queued for the store-survey-answer consumer.
 */
export const handle = async (event: APIGatewayProxyEventV2) => {
  const now = new Date();
  const post = event.requestContext.http.method === 'POST';
  const json = wantsJsonAnswer(event);
  const token = event.pathParameters?.token;
  const opened = await openSurveyLink(() => verifySurveyToken(token, verificationKeys, now), event.headers?.['accept-language'], store);
  if (opened.kind === 'unavailable') return unavailableLinkResponse(opened, json);
  const { invitation, locale } = opened;
  // A POST needs only the invitation (its expiry): the consumer judges the answer against the stored one.
  const existing = post ? undefined : await callDependency(store.loadResponse(invitation.invitationId));
  const state = surveyPageState(invitation, existing, now);
  if (state === 'expired') return unavailableLinkResponse({ page: 'closed', locale, kind: invitation.kind }, json);
  // Relative, so the form posts back here whatever base path the public URL has.
  const formAction = `./${encodeURIComponent(token ?? '')}`;
  const page = { locale, kind: invitation.kind, reasons, formAction };

  if (!post) {
    const { score, provisional, notice } = surveyPageOpening(event.queryStringParameters?.score, invitation.kind, existing, state);
    if (provisional) {
      // The provisional score only pre-selects the page; when the queue is busy the page, which
      // the customer confirms from, matters more than keeping it.
      await queueAnswer(invitation, provisional, 'one_click', now).catch((error: unknown) => {
        if (!(error instanceof DependencyUnavailableError)) throw error;
        logger.warn('One-click score not queued', { invitationId: invitation.invitationId, error: errorForLog(error.cause) });
      });
    }
    if (json) return jsonResponse(200, { status: state, kind: invitation.kind, locale, response: responseView(existing) });
    const values = { ...formValuesOf(existing?.answer), ...(score === undefined ? {} : { score }) };
    return pageResponse(200, renderSurveyPage({ ...page, values, notice }));
  }

  if (json) {
    const answer = readJsonBody(event, answerSchemas[invitation.kind]);
    return jsonResponse(202, { responseId: await queueAnswer(invitation, answer, 'api', now) });
  }
  const candidate = answerFromForm(readFormBody(event, { repeatable: repeatableSurveyFields }), invitation.kind);
  const parsed = answerSchemas[invitation.kind].safeParse(candidate);
  if (!parsed.success) {
    const scoreMissing = candidate.csat === undefined && candidate.nps === undefined;
    const values = formValuesOf({
      ...candidate,
      reasons: Array.isArray(candidate.reasons) ? candidate.reasons.map(String) : undefined,
    } as Partial<SurveyAnswer>);
    return pageResponse(400, renderSurveyPage({ ...page, values, error: scoreMissing ? 'score_missing' : 'answer_invalid' }));
  }
  await queueAnswer(invitation, parsed.data, 'page', now);
  return pageResponse(200, renderMessagePage(locale, 'thank_you'));
};

export const handler = httpHandler(withPageErrors(handle, wantsJsonAnswer), { metrics });
