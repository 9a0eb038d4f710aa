import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalPipeline } from '../../local/start-local-pipeline.ts';
import type { PipelineConnection } from './helpers/pipeline-connection.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pipeline: PipelineConnection;
  }
}

/** One local pipeline (synthesized template, DynamoDB Local, fauxqs, workers) for every integration test. */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), 'pipeline-integration-'));
  // Schedules fire only when a test fires them (the control endpoint): the dispatcher running by
  // itself every minute would mail other tests' invitations between their steps. Consumers take a
  // message at once rather than after the answer queue's 5 s batching window, which every test
  // waiting for a stored answer would otherwise wait out.
  const pipeline = await startLocalPipeline({ dataDir, port: 0, visibilityTimeoutSeconds: 1, schedulesOnDemandOnly: true, batchingWindowSeconds: 0 });
  project.provide('pipeline', {
    apiUrl: pipeline.apiUrl,
    dynamodbEndpoint: pipeline.dynamodbEndpoint,
    sqsEndpoint: pipeline.sqsEndpoint,
    tableName: pipeline.tableName,
    countersTableName: pipeline.countersTableName,
    queues: pipeline.queues,
    mailUrl: pipeline.mailUrl,
    dataBrowserUrl: pipeline.dataBrowserUrl,
    controlUrl: pipeline.controlUrl,
    integrationKey: pipeline.integrationKey,
    integrationKeySecretArn: pipeline.integrationKeySecretArn,
    secretsEndpoint: pipeline.secretsEndpoint,
    secrets: pipeline.secrets,
    authIssuerUrl: pipeline.authIssuerUrl,
    supervisorTokens: pipeline.supervisorTokens,
    userPool: pipeline.userPool,
    demoUsers: pipeline.demoUsers,
    dataDir,
  });
  return async () => {
    await pipeline.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
