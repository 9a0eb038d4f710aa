import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { crossOriginReason } from './cross-origin-reason.ts';
import { isLoopbackHost } from './is-loopback-host.ts';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Puts the loopback guard in front of an HTTP server's request listeners, ours or a library's
 * (an express or fastify app's): a request whose Host is not 127.0.0.1 or localhost with the port
 * it came in on gets 421 `misdirected_request`, one a browser marks as from a page of another
 * origin gets 403 `cross_origin_refused`, and the listeners never see either. DNS rebinding lets
 * any public page send requests to 127.0.0.1 under its own name, so a Host check is the only
 * thing between such a page and what the server holds (keys, tables, mail). SDKs, curl and the
 * server's own pages pass; so does a URL typed in the address bar. Call it before the server
 * takes its first request; it hooks the listeners the server has then.
 *
 * @example
 * const server = serveLoopbackHostsOnly(createServer(app), { serverName: 'The data browser' });
 * server.listen(0, '127.0.0.1');
 */
export function serveLoopbackHostsOnly<S extends Server>(
  server: S,
  options: {
    /** Starts the refusal's message, such as `The local Secrets Manager`. */
    readonly serverName: string;
    /** Further `*.localhost` names the server calls itself, see {@link isLoopbackHost}. @default none */
    readonly alsoNames?: readonly `${string}.localhost`[];
    /**
     * Pages of these origins may call it (their `Origin` is checked; `Sec-Fetch-Site` then says
     * same-site or cross-site, not same-origin), as the console calls Cognito. @default none
     */
    readonly allowOrigin?: (origin: string) => boolean;
  },
): S {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    // The port the connection came in on: the server's own, whoever made it listen.
    const port = request.socket.localPort ?? 0;
    if (isLoopbackHost(request.headers.host, port, options.alsoNames)) {
      const origin = request.headers.origin;
      const allowed = origin !== undefined && options.allowOrigin?.(origin) === true;
      const crossOrigin = allowed ? undefined : crossOriginReason(request.headers, { userNavigation: true });
      if (crossOrigin === undefined) {
        for (const listener of listeners) listener.call(server, request, response);
        return;
      }
      return refuse(request, response, 403, 'cross_origin_refused', `${options.serverName} takes no requests from pages of other origins (${crossOrigin})`);
    }
    refuse(request, response, 421, 'misdirected_request', `${options.serverName} answers only Host 127.0.0.1:${port} or localhost:${port}`);
  });
  return server;
}

function refuse(request: IncomingMessage, response: ServerResponse, status: number, code: string, message: string): void {
  // Drained, never read: the connection stays usable and nothing of the body reaches anyone.
  request.resume();
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code, message } }));
}
