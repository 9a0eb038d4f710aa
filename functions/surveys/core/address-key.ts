import { createHash } from 'node:crypto';

/**
 * The key under which an email address's deliverability is stored: SHA-256 of the trimmed,
 * lower-cased address, hex. The plain address never appears in a key, an index or a log line;
 * the same address in any case finds the same item.
 *
 * @example
 * ```ts
 * addressKey(' Ada@Example.com'); // 'b4c9…', as for 'ada@example.com'
 * ```
 */
export const addressKey = (address: string): string => createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
