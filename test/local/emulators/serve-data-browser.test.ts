import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { type LocalDataBrowser, serveDataBrowser } from '../../../local/emulators/serve-data-browser.ts';
import { foreignHosts, sendWithHeaders } from '../../helpers/send-with-headers.ts';

let browser: LocalDataBrowser | undefined;
afterEach(async () => {
  await browser?.stop();
  browser = undefined;
});

/** A client that records the commands dynamodb-admin sends and answers none (nothing listens on port 9). */
const recordingClient = () => {
  const sent: string[] = [];
  const client = new DynamoDBClient({ ...localClientConfig('http://127.0.0.1:9'), maxAttempts: 1 });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize' },
  );
  return { client, sent };
};

describe('serveDataBrowser', () => {
  it.each(foreignHosts)('answers 421 to a Host naming %s, and asks DynamoDB nothing', async (_case, host) => {
    const { client, sent } = recordingClient();
    browser = await serveDataBrowser(client);
    const port = Number(new URL(browser.url).port);

    const answer = await sendWithHeaders(`${browser.url}/api/tables`, { headers: { host: host(port) } });

    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'misdirected_request' } });
    expect(sent).toEqual([]);
  });

  it.each([['127.0.0.1'], ['localhost']])('serves its pages to Host %s with its port', async (name) => {
    browser = await serveDataBrowser(recordingClient().client);

    const answer = await sendWithHeaders(`${browser.url}/create-table`, { headers: { host: `${name}:${new URL(browser.url).port}` } });

    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<form');
  });

  it('listens on 127.0.0.1', async () => {
    browser = await serveDataBrowser(recordingClient().client);

    expect(new URL(browser.url).hostname).toBe('127.0.0.1');
  });
});
