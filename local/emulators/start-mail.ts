import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';

export interface LocalMail {
  /** SES v1/v2 API endpoint and, at `/`, the web viewer that lists every email sent. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts aws-ses-v2-local on a free port of 127.0.0.1.
 *
 * @example
 * const mail = await startMail(); // open mail.endpoint in a browser
 */
export async function startMail(): Promise<LocalMail> {
  // The package is CommonJS with `exports.default`: Node's ESM hands over the exports object,
  // bundler-style interop (vitest) the function itself.
  type StartServer = typeof sesModule.default;
  const startServer = typeof sesModule === 'function' ? (sesModule as StartServer) : sesModule.default;
  const server = await startServer({ host: '127.0.0.1', port: 0 });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
