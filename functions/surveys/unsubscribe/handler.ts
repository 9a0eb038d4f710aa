import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { renderMessagePage } from '../pages/render-message-page.ts';
import { renderUnsubscribePage } from '../pages/render-unsubscribe-page.ts';
import { DynamoDbSurveyAnswerStore } from '../adapters/dynamodb-survey-answer-store.ts';
import { loadSigningKeyRing } from '../../links/adapters/secrets-manager-signing-key.ts';
import { verificationKeysOf } from '../../links/core/signing-key-ring.ts';
import { unsubscribeRecord } from '../core/unsubscribe-record.ts';
import { verifyUnsubscribeToken } from '../core/unsubscribe-token.ts';
import { callDependency } from '../../platform/http/call-dependency.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { isFormBody, readFormBody } from '../../platform/http/read-form-body.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { openSurveyLink } from '../wiring/open-survey-link.ts';
import { pageResponse, unavailableLinkResponse } from '../wiring/unavailable-link-response.ts';
import { withPageErrors } from '../wiring/with-page-errors.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, SIGNING_KEY_SECRET_ARN: requiredSetting }, process.env);
const store = new DynamoDbSurveyAnswerStore(new DynamoDBClient({}), config.TABLE_NAME);
const verificationKeys = verificationKeysOf(await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN));

// RFC 8058: a mail client's one-click unsubscribe POSTs exactly this form body. A form-encoded
// body is read as a form (readFormBody), so a field sent twice is refused as on every form route.
const isOneClickPost = (event: APIGatewayProxyEventV2) => {
  if (isFormBody(event)) {
    const form = readFormBody(event);
    return form.size === 1 && form.get('List-Unsubscribe')?.trim() === 'One-Click';
  }
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  return body.trim() === 'List-Unsubscribe=One-Click';
};

/**
 * `GET /u/{token}`: the unsubscribe page, one button, and nothing recorded (mail scanners open
 * every link). `POST /u/{token}`: the page's button or a mail client's RFC 8058 one-click POST
 * opts the customer out of every future survey; repeating it changes nothing.
 */
export const handle = async (event: APIGatewayProxyEventV2) => {
  const now = new Date();
  const token = event.pathParameters?.token;
  const opened = await openSurveyLink(() => verifyUnsubscribeToken(token, verificationKeys, now), event.headers?.['accept-language'], store);
  if (opened.kind === 'unavailable') return unavailableLinkResponse(opened, false);
  if (event.requestContext.http.method !== 'POST') {
    return pageResponse(200, renderUnsubscribePage({ locale: opened.locale, formAction: `./${encodeURIComponent(token ?? '')}` }));
  }
  // The page's form sends the same body; a browser's form post is told apart by its Origin header.
  const via = isOneClickPost(event) && event.headers?.origin === undefined ? 'one_click_post' : 'page';
  const outcome = await callDependency(store.optOut(unsubscribeRecord(opened.invitation, via, now)));
  metrics.addMetric(outcome === 'opted_out' ? 'SurveyUnsubscribed' : 'SurveyUnsubscribeRepeated', MetricUnit.Count, 1);
  return pageResponse(200, renderMessagePage(opened.locale, 'unsubscribed'));
};

// Mail clients' one-click POSTs read no body; every answer here is a page.
export const handler = httpHandler(
  withPageErrors(handle, () => false),
  { metrics },
);
