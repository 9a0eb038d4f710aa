import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiLineText, singleLineText } from '../../../../functions/platform/text/text-fields.ts';
import { hasVisibleText, isMultiLineText, isSingleLineText } from '../../../../functions/platform/text/text-rules.ts';
import { propertyRuns } from '../../../helpers/property-runs.ts';

const invisible = fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u200b', '\u200d', '\u2060', '\u3000', '\u3164', '\ufeff', '\u180e', '\ufe0f', '\u{e0020}');
const bidiControl = fc.constantFrom('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069');
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const insert = (text: string, inserted: string, position: number) => {
  const at = position % (text.length + 1);
  return `${text.slice(0, at)}${inserted}${text.slice(at)}`;
};

describe('text rules, for any text', () => {
  it('find text made only of invisible characters blank, and one letter among them makes it visible', () => {
    fc.assert(
      fc.property(fc.array(invisible, { minLength: 1, maxLength: 20 }), fc.nat(), (characters, position) => {
        const blank = characters.join('');
        expect(hasVisibleText(blank)).toBe(false);
        expect(multiLineText(100).safeParse(blank).success).toBe(false);
        expect(hasVisibleText(insert(blank, 'a', position))).toBe(true);
      }),
      propertyRuns(500),
    );
  });

  it('refuse a bidirectional control anywhere in a one-line field and keep it in a multi-line one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z ]{1,20}$/), bidiControl, fc.nat(), (text, control, position) => {
        const withControl = insert(`x${text}`, control, position);
        expect(singleLineText(100).safeParse(withControl).success).toBe(false);
        expect(multiLineText(100).parse(withControl)).toBe(withControl);
      }),
      propertyRuns(500),
    );
  });

  it('never allow in one line what they refuse across lines', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        if (!isMultiLineText(text)) expect(isSingleLineText(text)).toBe(false);
      }),
      propertyRuns(1000),
    );
  });

  it('keep any text they accept exactly as sent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (text) => {
        const parsed = multiLineText(200).safeParse(text);
        if (parsed.success) expect(parsed.data).toBe(text);
        else expect(parsed.error.issues.length).toBeGreaterThan(0);
      }),
      propertyRuns(500),
    );
  });
});
