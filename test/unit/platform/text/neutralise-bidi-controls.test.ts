import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseBidiControls } from '../../../../functions/platform/text/neutralise-bidi-controls.ts';
import { propertyRuns } from '../../../helpers/property-runs.ts';

const BIDI_CONTROLS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];

describe('neutraliseBidiControls', () => {
  it.each([
    ['a right-to-left override', 'invoice \u202efdp.exe', 'invoice <U+202E>fdp.exe'],
    ['an isolate pair', 'a\u2067b\u2069c', 'a<U+2067>b<U+2069>c'],
    ['Arabic and Hebrew, which need no control', 'مرحبا שלום', 'مرحبا שלום'],
    ['the marks LRM and RLM, which reorder nothing after them', 'a\u200eb\u200f', 'a\u200eb\u200f'],
  ])('shows %s safely', (_name, text, shown) => {
    expect(neutraliseBidiControls(text)).toBe(shown);
  });

  it('leaves no bidirectional control in any text, and changes nothing else', () => {
    const textWithControls = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom(...BIDI_CONTROLS))).map((parts) => parts.join(''));
    fc.assert(
      fc.property(textWithControls, (text) => {
        const shown = neutraliseBidiControls(text);
        expect(BIDI_CONTROLS.some((control) => shown.includes(control))).toBe(false);
        const withoutMarkers = (value: string) => value.replace(/<U\+(202[A-E]|206[6-9])>|[\u202a-\u202e\u2066-\u2069]/g, '');
        expect(withoutMarkers(shown)).toBe(withoutMarkers(text));
      }),
      propertyRuns(500),
    );
  });
});
