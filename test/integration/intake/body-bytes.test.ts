import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { QUEUES, connectTo, eventually } from '../helpers/pipeline-connection.ts';

const pipeline = connectTo(inject('pipeline'));
const json = { 'content-type': 'application/json' };

/**
 * Well-formed JSON whose only fault is one byte sequence that is not UTF-8, inside a text field.
 * Decoded lossily, each would become valid JSON with U+FFFD in place of the bytes, and be stored.
 */
const notUtf8: [string, number[]][] = [
  ['a Latin-1 é', [0xe9]],
  ['a lone continuation byte', [0x80]],
  ['a truncated three-byte sequence', [0xe3, 0x81]],
  ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ['an overlong slash', [0xc0, 0xaf]],
];

const feedbackWith = (marker: string, bytes: number[]): Buffer =>
  Buffer.concat([Buffer.from(`{"kind":"site","comment":"${marker} `), Buffer.from(bytes), Buffer.from('"}')]);

const queuesDrained = async (): Promise<true | undefined> =>
  (await pipeline.queueDepth(QUEUES.feedback)) + (await pipeline.queueDepth(QUEUES.complaints)) === 0 ? true : undefined;

describe('body bytes through the gateway and the handlers', () => {
  it.each(notUtf8)('answers 400 invalid_json for JSON holding %s, and stores nothing', async (_name, bytes) => {
    const marker = randomUUID();

    const response = await pipeline.request('POST', '/feedback', { body: feedbackWith(marker, bytes), headers: json });

    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: { code: 'invalid_json', message: expect.any(String), details: [] } });
    // Had the bytes become U+FFFD, this is the comment that would now be on its way to the table.
    await eventually(queuesDrained, 30_000, 'queues drained');
    expect(await pipeline.itemsWhere('comment', `${marker} \ufffd`)).toEqual([]);
    expect(await pipeline.itemsWhere('comment', `${marker} ${'\ufffd'.repeat(bytes.length)}`)).toEqual([]);
  });

  it('answers 400 invalid_json for a complaint holding bytes that are not UTF-8', async () => {
    const body = Buffer.concat([Buffer.from('{"email":"ada@example.com","category":"other","description":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);

    const response = await pipeline.request('POST', '/complaints', { body, headers: json });

    expect(response.status).toBe(400);
    expect(response.json?.error.code).toBe('invalid_json');
  });

  it('stores four-byte and three-byte UTF-8 exactly as sent', async () => {
    const comment = `${randomUUID()} 三日間 🙂 é`;

    const response = await pipeline.request('POST', '/feedback', { body: Buffer.from(JSON.stringify({ kind: 'site', comment })), headers: json });

    expect(response.status).toBe(202);
    const item = await eventually(() => pipeline.getItem(`FEEDBACK#${response.json.feedbackId}`, 'FEEDBACK'), 15_000, 'feedback stored');
    expect(item?.['comment']).toBe(comment);
  });
});
