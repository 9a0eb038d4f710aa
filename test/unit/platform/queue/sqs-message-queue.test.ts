import { describe, expect, it } from 'vitest';
import { toAsciiJson } from '../../../../functions/platform/queue/sqs-message-queue.ts';

describe('toAsciiJson', () => {
  it.each([
    ['ASCII', { text: 'plain <b>text</b> "quoted"' }],
    ['Japanese', { text: '三日間、返事がありません' }],
    ['an emoji outside the BMP', { text: 'sad 😞 face 👍🏽' }],
    ['line breaks and tabs', { text: 'a\nb\tc\r\n' }],
    ['DEL and Latin-1', { text: '\u007f café ß' }],
  ])('carries %s as pure ASCII that parses back exactly', (_name, value) => {
    const json = toAsciiJson(value);
    expect(json).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
