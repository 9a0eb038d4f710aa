/**
 * Whether a request's `Host` names this machine as its owner does: `127.0.0.1` or `localhost` with
 * the port the server listens on (bare, as browsers send it, on port 80). Any other name reached
 * 127.0.0.1 because someone pointed it here (DNS rebinding: a public page whose name now resolves
 * to this machine) or forged the header. The local servers listen on 127.0.0.1 only, so `[::1]`
 * never names them. `alsoNames` are further names under `.localhost` that a server calls itself
 * (fauxqs' `sqs.us-east-1.localhost`): RFC 6761 keeps every `*.localhost` on loopback, and
 * browsers resolve it so themselves, so no page can rebind one.
 *
 * @example
 * isLoopbackHost('localhost:3000', 3000); // true
 * isLoopbackHost('rebound.example:3000', 3000); // false
 * isLoopbackHost('sqs.us-east-1.localhost:4566', 4566, ['sqs.us-east-1.localhost']); // true
 */
export function isLoopbackHost(host: string | undefined, port: number, alsoNames: readonly `${string}.localhost`[] = []): boolean {
  if (host === undefined) return false;
  const names = ['127.0.0.1', 'localhost', ...alsoNames];
  const accepted = names.flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]));
  return accepted.includes(host.toLowerCase());
}
