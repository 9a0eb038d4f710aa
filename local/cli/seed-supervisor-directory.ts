import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbDirectoryStore } from '../../functions/escalation/adapters/dynamodb-directory-store.ts';
import { loadEscalationSettings } from '../../infra/escalation-settings.ts';

/**
 * Loads the seed supervisor directory (`config/supervisor-directory.json`, or `directoryFile`),
 * validated against the rules as `cdk synth` validates it, into `tableName` unless the table has a
 * directory already: `seeded` or `exists`. The same step for a fresh local table and a fresh deployment.
 *
 * @example
 * ```ts
 * await seedSupervisorDirectory(new DynamoDBClient({}), 'SupportFeedbackPipeline-TableCD117FA1-…'); // 'seeded'
 * ```
 */
export const seedSupervisorDirectory = async (
  dynamodb: DynamoDBClient,
  tableName: string,
  files: { readonly directoryFile?: string; readonly rulesFile?: string } = {},
): Promise<'seeded' | 'exists'> => {
  const { directory } = loadEscalationSettings(files);
  return new DynamoDbDirectoryStore(dynamodb, tableName).seed(directory, new Date());
};
