import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServer } from 'dynamodb-admin';
import { serveLoopbackHostsOnly } from '../loopback-guard/serve-loopback-hosts-only.ts';

export interface LocalDataBrowser {
  /** dynamodb-admin: browse, query and edit the items of every local table. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves dynamodb-admin on a free loopback port, in this process, over the given DynamoDB Local
 * client, so stored items can be read in a browser without the AWS CLI. It reads and writes every
 * table, so its express app runs behind the loopback guard: only Host 127.0.0.1 or localhost with
 * its port, and no requests from pages of other origins.
 *
 * @example
 * const browser = await serveDataBrowser(dynamodb.client); // browser.url: http://127.0.0.1:PORT
 */
export async function serveDataBrowser(client: DynamoDBClient): Promise<LocalDataBrowser> {
  const server = serveLoopbackHostsOnly(createHttpServer(createServer({ dynamoDbClient: client })), { serverName: 'The data browser' });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
