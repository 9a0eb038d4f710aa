import { describe, expect, it } from 'vitest';
import { crossOriginReason } from '../../../local/loopback-guard/cross-origin-reason.ts';

const host = '127.0.0.1:3000';

describe('crossOriginReason', () => {
  it.each([
    ['curl or a script (neither header)', {}],
    ['a same-origin fetch', { 'sec-fetch-site': 'same-origin' }],
    ['a same-origin POST', { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:3000' }],
    ['an Origin in capitals', { origin: 'HTTP://127.0.0.1:3000' }],
  ])('finds nothing against %s', (_case, headers) => {
    expect(crossOriginReason({ host, ...headers })).toBeUndefined();
  });

  it.each([
    ['another port of the same host', { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:5173' }, 'Sec-Fetch-Site is same-site'],
    ['another site', { 'sec-fetch-site': 'cross-site' }, 'Sec-Fetch-Site is cross-site'],
    ['a typed URL, unless navigation is admitted', { 'sec-fetch-site': 'none' }, 'Sec-Fetch-Site is none'],
    ['the other loopback name', { origin: 'http://localhost:3000' }, 'Origin http://localhost:3000 is not this server’s'],
    ['an opaque origin', { origin: 'null' }, 'Origin null is not this server’s'],
    ['https on the same host and port', { origin: 'https://127.0.0.1:3000' }, 'Origin https://127.0.0.1:3000 is not this server’s'],
  ])('names %s', (_case, headers, reason) => {
    expect(crossOriginReason({ host, ...headers })).toBe(reason);
  });

  it('admits the user’s own navigation when asked to', () => {
    expect(crossOriginReason({ host, 'sec-fetch-site': 'none' }, { userNavigation: true })).toBeUndefined();
    expect(crossOriginReason({ host, 'sec-fetch-site': 'same-site' }, { userNavigation: true })).toBe('Sec-Fetch-Site is same-site');
  });
});
