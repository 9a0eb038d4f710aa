import { request } from 'node:http';

/** What {@link sendWithHeaders} read back. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/**
 * Sends one request with exactly these headers, through node:http rather than fetch: fetch will
 * not send a Host other than the URL's, nor a Sec-Fetch-Site, which is how a DNS-rebinding page
 * or another origin's page shows itself.
 *
 * @example
 * const answer = await sendWithHeaders(`${secrets.endpoint}/`, { method: 'POST', headers: { host: 'rebound.example:4566' }, body: '{}' });
 */
export const sendWithHeaders = (
  url: string,
  options: { readonly method?: string; readonly headers: Readonly<Record<string, string>>; readonly body?: string },
): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const outgoing = request(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });

/**
 * Host headers no local server may serve, given the port it listens on: what a DNS-rebinding page
 * sends (its own name, with the port it reached), or a forged header.
 */
export const foreignHosts = [
  ['a rebound public name', (port: number) => `rebound.example:${port}`],
  ['a name ending like localhost', (port: number) => `evil-localhost:${port}`],
  ['127.0.0.1 on another port', (port: number) => `127.0.0.1:${port + 1}`],
] as const;
