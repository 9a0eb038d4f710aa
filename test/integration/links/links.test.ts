import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { validComplaint } from '../../helpers/submissions.ts';

const { apiUrl } = inject('pipeline');
// The gateway serves only 127.0.0.1 and localhost with its port (any other Host is a 403 before
// any function runs), so the forged Host is the other loopback name: links must not follow it either.
const otherLoopbackHost = `localhost:${new URL(apiUrl).port}`;

// node:http rather than fetch: fetch will not send a Host header other than the URL's.
const postComplaint = (headers: Record<string, string>) =>
  new Promise<{ status: number; json: any }>((resolve, reject) => {
    const body = JSON.stringify(validComplaint({ description: `links ${Math.random()}` }));
    const outgoing = request(`${apiUrl}/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });

describe('links in answers', () => {
  it.each([
    ['another Host', { host: otherLoopbackHost }],
    ['a forged X-Forwarded-Host', { 'x-forwarded-host': 'evil.example/phish#' }],
    ['a forged X-Forwarded-Proto', { 'x-forwarded-proto': 'gopher' }],
    ['all three', { host: otherLoopbackHost, 'x-forwarded-proto': 'gopher', 'x-forwarded-host': 'evil.example/phish#' }],
  ])('start with the configured public base URL whatever %s says', async (_name, headers) => {
    const response = await postComplaint(headers);
    expect(response.status).toBe(202);
    const statusUrl: string = response.json.statusUrl;
    expect(statusUrl.startsWith(`${apiUrl}/complaints/status?token=`)).toBe(true);
    expect(statusUrl).not.toMatch(/localhost|evil|phish|gopher/);
    // And the link works: it reaches the status route and its token verifies.
    const status = await fetch(statusUrl);
    expect(status.status).toBe(200);
  });
});
