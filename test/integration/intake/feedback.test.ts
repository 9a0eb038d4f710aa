import { describe, expect, inject, it, vi } from 'vitest';
import { validArticleFeedback } from '../../helpers/submissions.ts';
import { connectTo } from '../helpers/pipeline-connection.ts';

const pipeline = connectTo(inject('pipeline'));

describe('feedback through the local pipeline', () => {
  it.each([
    ['article feedback', validArticleFeedback({ pageUrl: 'https://help.example.com/kb/1042', locale: 'en' })],
    ['anonymous site feedback in Japanese', { kind: 'site', comment: '検索結果が<b>古い</b>です', locale: 'ja' }],
  ])('stores %s exactly as sent', async (_name, body) => {
    const response = await pipeline.postJson('/feedback', body);
    expect(response.status).toBe(202);
    expect(response.json).toEqual({ feedbackId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await vi.waitFor(
      async () =>
        expect(await pipeline.getItem(`FEEDBACK#${response.json.feedbackId}`, 'FEEDBACK')).toMatchObject({
          ...body,
          type: 'feedback',
          feedbackId: response.json.feedbackId,
        }),
      { timeout: 15_000, interval: 100 },
    );
  });

  it('answers a retry with the same Idempotency-Key with the same id', async () => {
    const headers = { 'idempotency-key': `feedback-${Date.now()}` };
    const first = await pipeline.postJson('/feedback', { kind: 'site', rating: 4 }, headers);
    const retry = await pipeline.postJson('/feedback', { kind: 'site', rating: 4 }, headers);
    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(retry.json).toEqual(first.json);
    await vi.waitFor(async () => expect(await pipeline.getItem(`FEEDBACK#${first.json.feedbackId}`, 'FEEDBACK')).toMatchObject({ rating: 4 }), {
      timeout: 15_000,
      interval: 100,
    });
    expect(await pipeline.itemsWhere('feedbackId', first.json.feedbackId)).toHaveLength(1);
  });
});
