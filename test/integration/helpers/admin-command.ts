import { runWithoutBlocking } from '../../helpers/run-without-blocking.ts';
import type { PipelineConnection } from './pipeline-connection.ts';

/**
 * `npm run admin` as the deploy guide runs it on AWS (`--table`, `--pool`, the usual credentials),
 * pointed at this pipeline's emulators by the SDK's own `AWS_ENDPOINT_URL_*`.
 *
 * @example
 * const admin = adminCommandOn(inject('pipeline'));
 * const { status } = await admin('create-user admin-olu --email olu@example.com --name "Olu Bakare" --role admin');
 */
export const adminCommandOn =
  (pipeline: Pick<PipelineConnection, 'tableName' | 'dynamodbEndpoint'> & { readonly userPool: { readonly poolId: string; readonly endpoint: string } }) =>
  (args: string) =>
    runWithoutBlocking(`npm run -s admin -- ${args} --table ${pipeline.tableName} --pool ${pipeline.userPool.poolId}`, {
      AWS_ENDPOINT_URL_DYNAMODB: pipeline.dynamodbEndpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: pipeline.userPool.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
