import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServer } from 'dynamodb-admin';

export interface LocalDataBrowser {
  /** dynamodb-admin: browse, query and edit the items of every local table. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves dynamodb-admin on a free loopback port, in this process, over the given DynamoDB Local
 * client, so stored items can be read in a browser without the AWS CLI.
 *
 * @example
 * const browser = await serveDataBrowser(dynamodb.client); // browser.url: http://127.0.0.1:PORT
 */
export async function serveDataBrowser(client: DynamoDBClient): Promise<LocalDataBrowser> {
  const app = createServer({ dynamoDbClient: client });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    listening.on('error', reject);
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
