import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { renderInvalidStatusLinkPage, renderStatusPage } from '../pages/render-status-page.ts';
import { STATUS_PAGE_LOCALES, type StatusPageLocale } from '../pages/status-page-messages.ts';
import { PAGE_STYLE_SOURCE } from '../../platform/pages/page-layout.ts';
import { DynamoDbRecordStore } from '../adapters/dynamodb-record-store.ts';
import { loadSigningKeyRing } from '../../links/adapters/secrets-manager-signing-key.ts';
import { readComplaintProgress, readComplaintStatus } from '../core/read-complaint-status.ts';
import { verificationKeysOf } from '../../links/core/signing-key-ring.ts';
import { verifyStatusToken } from '../core/status-token.ts';
import { pickLocale } from '../../surveys/core/pick-locale.ts';
import { callDependency } from '../../platform/http/call-dependency.ts';
import { htmlResponse } from '../../platform/http/html-response.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { InvalidLinkTokenError } from '../../links/core/errors.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, SIGNING_KEY_SECRET_ARN: requiredSetting }, process.env);
const store = new DynamoDbRecordStore(new DynamoDBClient({}), config.TABLE_NAME);
// Current, next and retired keys: a link verifies across rotations until it expires.
const verificationKeys = verificationKeysOf(await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN));
// Only the table call may become a 503; a stored item of the wrong shape is our fault (500).
const table = { get: (pk: string, sk: string) => callDependency(store.get(pk, sk)) };

// A browser lists text/html; API clients and the existing JSON contract (no Accept at all) get JSON.
const wantsPage = (event: APIGatewayProxyEventV2) => /text\/html/i.test(event.headers?.accept ?? '');
const localeFor = (event: APIGatewayProxyEventV2, complaintLocale?: string) =>
  pickLocale(complaintLocale, event.headers?.['accept-language'], STATUS_PAGE_LOCALES) as StatusPageLocale;

/**
 * `GET /complaints/status?token=…`: what the holder of a signed status link may see, as JSON for
 * API clients and as a localized page (the complaint's language first) for a browser.
 */
export const handle = async (event: APIGatewayProxyEventV2) => {
  const now = new Date();
  if (!wantsPage(event)) {
    const complaintId = verifyStatusToken(event.queryStringParameters?.token, verificationKeys, now);
    return jsonResponse(200, await readComplaintStatus(complaintId, table));
  }
  let complaintId: string;
  try {
    complaintId = verifyStatusToken(event.queryStringParameters?.token, verificationKeys, now);
  } catch (error) {
    if (!(error instanceof InvalidLinkTokenError)) throw error;
    return htmlResponse(error.reason === 'expired' ? 410 : 401, renderInvalidStatusLinkPage(localeFor(event)), PAGE_STYLE_SOURCE);
  }
  const progress = await readComplaintProgress(complaintId, table);
  return htmlResponse(200, renderStatusPage(localeFor(event, progress.locale), progress), PAGE_STYLE_SOURCE);
};

export const handler = httpHandler(handle);
