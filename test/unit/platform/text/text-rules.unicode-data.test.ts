import { describe, expect, it } from 'vitest';
import { multiLineText, singleLineText } from '../../../../functions/platform/text/text-fields.ts';
import { hasVisibleText } from '../../../../functions/platform/text/text-rules.ts';

// Every code point as the JavaScript engine's Unicode data knows it (surrogates are not text).
const everyCodePoint = function* () {
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
    if (codePoint < 0xd800 || codePoint > 0xdfff) yield codePoint;
  }
};

// The definition of "invisible", asked property by property of the engine's Unicode data.
const invisibleBy = {
  White_Space: /^\p{White_Space}$/u,
  Default_Ignorable_Code_Point: /^\p{Default_Ignorable_Code_Point}$/u,
  'Format (Cf)': /^\p{Cf}$/u,
  'Control (Cc)': /^\p{Cc}$/u,
};
const isInvisible = (character: string) => Object.values(invisibleBy).some((property) => property.test(character));
const invisible = [...everyCodePoint()].map((codePoint) => String.fromCodePoint(codePoint)).filter(isInvisible);

describe('visible text, by Unicode properties', () => {
  it.each(Object.entries(invisibleBy))('finds every %s code point blank, alone and repeated', (_property, pattern) => {
    const members = invisible.filter((character) => pattern.test(character));
    expect(members.length).toBeGreaterThan(0);
    expect(members.filter((character) => hasVisibleText(character) || hasVisibleText(character.repeat(3)))).toEqual([]);
  });

  it('finds every other code point visible', () => {
    const misjudged: string[] = [];
    for (const codePoint of everyCodePoint()) {
      const character = String.fromCodePoint(codePoint);
      if (!isInvisible(character) && !hasVisibleText(character)) misjudged.push(`U+${codePoint.toString(16)}`);
    }
    expect(misjudged).toEqual([]);
  });

  it.each([
    ['one-line', singleLineText(100)],
    ['multi-line', multiLineText(100)],
  ])('makes %s fields refuse each invisible code point as blank', (_layout, field) => {
    const notRefusedAsBlank = invisible.filter((character) => {
      const result = field.safeParse(character.repeat(2));
      return result.success || !result.error.issues.some((issue) => issue.message === 'Text must not be blank.');
    });
    expect(notRefusedAsBlank).toEqual([]);
  });
});
