import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';
import { serveLoopbackHostsOnly } from '../loopback-guard/serve-loopback-hosts-only.ts';

export interface LocalMail {
  /** SES v1/v2 API endpoint and, at `/`, the web viewer that lists every email sent. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts aws-ses-v2-local on a free port of 127.0.0.1, behind the loopback guard: its viewer
 * shows every email (survey links, status tokens) and its `POST /clear-store` needs no preflight,
 * so only Host 127.0.0.1 or localhost with its port, and no requests from pages of other origins.
 *
 * @example
 * const mail = await startMail(); // open mail.endpoint in a browser
 */
export async function startMail(): Promise<LocalMail> {
  // The package is CommonJS with `exports.default`: Node's ESM hands over the exports object,
  // bundler-style interop (vitest) the function itself.
  type StartServer = typeof sesModule.default;
  const startServer = typeof sesModule === 'function' ? (sesModule as StartServer) : sesModule.default;
  // It hands back its server already listening, with no hook before; no request can have come in:
  // its listen callback resolves the promise, and this runs in the microtasks that follow, before
  // Node polls for connections.
  const server = serveLoopbackHostsOnly(await startServer({ host: '127.0.0.1', port: 0 }), { serverName: 'The mail viewer' });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
