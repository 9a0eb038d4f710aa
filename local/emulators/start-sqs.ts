import { Server as HttpServer } from 'node:http';
import { Server } from 'node:net';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { serveLoopbackHostsOnly } from '../loopback-guard/serve-loopback-hosts-only.ts';
import { localRegion } from './local-aws.ts';

/**
 * Starts fauxqs on a free port of 127.0.0.1 with every queue and message written through to
 * SQLite in `dataDir` (fauxqs 2 commits each send, receive and delete before it answers), so a
 * message the API accepted survives a kill of the pipeline at any instant, as on SQS. The next
 * start with the same folder finds the queues, their messages and receive counts again. Queue
 * bodies hold what customers wrote, so fauxqs runs behind the loopback guard: only Host 127.0.0.1,
 * localhost or its queue URLs' `sqs.<region>.localhost`, with its port.
 *
 * @example
 * const fauxqs = await startSqs('.data/sqs');
 */
export async function startSqs(dataDir: string): Promise<FauxqsServer> {
  // fauxqs 2.4 always listens on 0.0.0.0 (startFauxqs hard-codes the host and has no option for
  // it), which would open the queues to the network; rewrite that one listen to loopback. Its
  // fastify server is exposed nowhere else: guard its request listener here, before it listens.
  const listen = Server.prototype.listen;
  Server.prototype.listen = function listenOnLoopback(this: Server, ...args: unknown[]) {
    const [options] = args as [{ host?: string } | undefined];
    if (typeof options === 'object' && options !== null && options.host === '0.0.0.0') {
      args[0] = { ...options, host: '127.0.0.1' };
      // fauxqs names queues http://sqs.<region>.localhost:<port>/… (its default host, localhost).
      if (this instanceof HttpServer) serveLoopbackHostsOnly(this, { serverName: 'fauxqs', alsoNames: [`sqs.${localRegion}.localhost`] });
    }
    return (listen as (...listenArgs: unknown[]) => Server).apply(this, args);
  } as typeof listen;
  try {
    return await startFauxqs({ port: 0, logger: false, dataDir });
  } finally {
    Server.prototype.listen = listen;
  }
}
