import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port on 127.0.0.1, for emulators that cannot listen on port 0 and
 * report back (DynamoDB Local takes its port as an argument).
 */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
