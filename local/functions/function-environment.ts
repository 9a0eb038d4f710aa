import type { LambdaFunctionDefinition } from '../template/describe-functions.ts';
import { resolveIntrinsics, type LocalResourceValues } from '../template/resolve-intrinsics.ts';
import { lambdaEnvironment } from './lambda-environment.ts';

/** Where the local emulators listen; what the running pipeline writes to local.json. */
export interface EmulatorEndpoints {
  readonly dynamodbEndpoint: string;
  /** Any queue URL of fauxqs, or its address when there is no queue. */
  readonly sqsQueueUrl: string;
  readonly mailUrl: string;
  readonly secretsEndpoint: string;
  /** The emulated user pools' Cognito API (the accounts API's admin calls). */
  readonly cognitoEndpoint: string;
}

/**
 * A function's `process.env`: its template Environment.Variables with `Ref`/`Fn::GetAtt` resolved
 * to local resources, the SDK endpoint variables pointing at the emulators, and the variables
 * Lambda itself sets.
 *
 * @example
 * const env = functionEnvironment(definition, values, { dynamodbEndpoint, sqsQueueUrl, mailUrl, secretsEndpoint, cognitoEndpoint });
 */
export function functionEnvironment(definition: LambdaFunctionDefinition, values: LocalResourceValues, endpoints: EmulatorEndpoints): Record<string, string> {
  const resolved = resolveIntrinsics(definition.environment, values, `${definition.logicalId} Environment.Variables`) as Record<string, unknown>;
  const variables = Object.entries(resolved).filter(([, value]) => value !== undefined);
  return {
    ...Object.fromEntries(variables.map(([name, value]) => [name, String(value)])),
    // The AWS SDK reads AWS_ENDPOINT_URL_<SERVICE>, so handlers need no local-only code.
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodbEndpoint,
    // The origin of fauxqs' queue URLs: the SDK sends each call to its QueueUrl's host and warns on
    // every call whose endpoint differs (lambda-worker.mjs resolves *.localhost to loopback).
    AWS_ENDPOINT_URL_SQS: new URL(endpoints.sqsQueueUrl).origin,
    AWS_ENDPOINT_URL_SES: endpoints.mailUrl,
    AWS_ENDPOINT_URL_SESV2: endpoints.mailUrl,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsEndpoint,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognitoEndpoint,
    ...lambdaEnvironment(definition),
  };
}
