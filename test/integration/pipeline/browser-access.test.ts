import { describe, expect, inject, it } from 'vitest';
import { connectTo } from '../helpers/pipeline-connection.ts';

const pipeline = connectTo(inject('pipeline'));
const origin = 'https://help.example.com';

describe('calls from a web page on another origin', () => {
  it('answers the preflight of a JSON POST with an Idempotency-Key', async () => {
    const response = await pipeline.request('OPTIONS', '/feedback', {
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('idempotency-key');
  });

  it('lets the page read the answer of the POST itself', async () => {
    const response = await pipeline.postJson('/feedback', { kind: 'article', articleId: 'kb-7', helpful: true }, { origin });
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
