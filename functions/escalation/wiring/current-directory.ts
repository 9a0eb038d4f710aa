import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbDirectoryStore } from '../adapters/dynamodb-directory-store.ts';
import type { SupervisorDirectory } from '../contracts/supervisor-directory.ts';
import { EscalationRulesError } from '../core/errors.ts';
import { refreshedEvery } from '../../platform/settings/refreshed-value.ts';

/**
 * How old a container's copy of the directory may grow: an admin's change reaches every function within a minute.
 *
 * @internal exported for the tests that wait for a change to reach every function
 */
export const DIRECTORY_MAX_AGE_MS = 60_000;

/**
 * The supervisor directory as the table holds it, read at most once a minute per container. No
 * directory in the table (a deployment not seeded yet) is a configuration fault: the message is
 * retried by its queue, and the error names the command that seeds it.
 *
 * @example
 * ```ts
 * const currentDirectory = currentDirectoryOf(dynamodb, config.TABLE_NAME);
 * rostersOf(await currentDirectory(), now);
 * ```
 */
export const currentDirectoryOf = (dynamodb: DynamoDBClient, tableName: string): (() => Promise<SupervisorDirectory>) => {
  const store = new DynamoDbDirectoryStore(dynamodb, tableName);
  return refreshedEvery(DIRECTORY_MAX_AGE_MS, async () => {
    const directory = await store.read();
    if (directory === undefined) {
      throw new EscalationRulesError(
        'no_directory',
        'The table holds no supervisor directory: seed it with `npm run admin -- seed-directory` (docs/deploy.md).',
      );
    }
    return directory;
  });
};
