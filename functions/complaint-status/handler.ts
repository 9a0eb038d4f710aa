import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoDbRecordStore } from '../shared/adapters/dynamodb-record-store.ts';
import { loadSigningKeyRing } from '../shared/adapters/secrets-manager-signing-key.ts';
import { readComplaintStatus } from '../shared/core/read-complaint-status.ts';
import { verificationKeysOf } from '../shared/core/signing-key-ring.ts';
import { verifyStatusToken } from '../shared/core/status-token.ts';
import { callDependency } from '../shared/http/call-dependency.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { jsonResponse } from '../shared/http/json-response.ts';
import { readRuntimeConfig, requiredSetting } from '../shared/runtime-config.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, SIGNING_KEY_SECRET_ARN: requiredSetting }, process.env);
const store = new DynamoDbRecordStore(new DynamoDBClient({}), config.TABLE_NAME);
// Current, next and retired keys: a link verifies across rotations until it expires.
const verificationKeys = verificationKeysOf(await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN));

/** `GET /complaints/status?token=…`: what the holder of a signed status link may see. */
export const handle = async (event: APIGatewayProxyEventV2) => {
  const complaintId = verifyStatusToken(event.queryStringParameters?.token, verificationKeys, new Date());
  // Only the table call may become a 503; a stored item of the wrong shape is our fault (500).
  const view = await readComplaintStatus(complaintId, { get: (pk, sk) => callDependency(store.get(pk, sk)) });
  return jsonResponse(200, view);
};

export const handler = httpHandler(handle);
