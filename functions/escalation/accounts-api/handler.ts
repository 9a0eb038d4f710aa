import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { cognitoAccountPool } from '../adapters/cognito-account-pool.ts';
import { DynamoDbDirectoryStore } from '../adapters/dynamodb-directory-store.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { accountsRoutes } from './accounts-routes.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, USER_POOL_ID: requiredSetting }, process.env);

/**
 * The accounts API (`/accounts…`, admins only): its own function because it alone holds the user
 * pool's admin rights and carries the Cognito client, which the supervisor API, opened on every
 * console click, need not load.
 */
export const handle = accountsRoutes({
  pool: cognitoAccountPool(new CognitoIdentityProviderClient({}), config.USER_POOL_ID),
  directory: new DynamoDbDirectoryStore(new DynamoDBClient({}), config.TABLE_NAME),
  now: () => new Date(),
});

export const handler = httpHandler(handle);
