/**
 * Whether a request's `Host` names this machine as its owner does: `127.0.0.1` or `localhost` with
 * the port the server listens on (bare, as browsers send it, on port 80). Any other name reached
 * 127.0.0.1 because someone pointed it here (DNS rebinding: a public page whose name now resolves
 * to this machine) or forged the header. The local servers listen on 127.0.0.1 only, so `[::1]`
 * never names them.
 *
 * @example
 * isLoopbackHost('localhost:3000', 3000); // true
 * isLoopbackHost('rebound.example:3000', 3000); // false
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const names = ['127.0.0.1', 'localhost'];
  const accepted = names.flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]));
  return accepted.includes(host.toLowerCase());
}
