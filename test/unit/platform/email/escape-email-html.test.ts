import { describe, expect, it } from 'vitest';
import { escapeEmailHtml } from '../../../../functions/platform/email/escape-email-html.ts';

describe('escapeEmailHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeEmailHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('leaves other text, bidirectional controls included, as it is', () => {
    expect(escapeEmailHtml('Ada \u202e Lovelace')).toBe('Ada \u202e Lovelace');
  });
});
