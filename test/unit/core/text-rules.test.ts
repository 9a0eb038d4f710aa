import { describe, expect, it } from 'vitest';
import { hasVisibleText, isMultiLineText, isSingleLineText, isWellFormedText } from '../../../functions/shared/core/text-rules.ts';

describe('text rules', () => {
  it.each([
    ['plain text', 'Hello', true, true],
    ['Japanese', 'サポートの対応が遅い', true, true],
    ['HTML, kept as text', '<script>alert(1)</script>', true, true],
    ['a line break', 'a\nb', false, true],
    ['a tab', 'a\tb', false, true],
    ['a NUL', 'a\u0000b', false, false],
    ['an escape', 'a\u001b[31mb', false, false],
    ['DEL', 'a\u007fb', false, false],
    ['a C1 control', 'a\u0085b', false, false],
    ['the noncharacter U+FFFF', 'a\uffffb', false, false],
    ['the noncharacter U+FFFE', 'a\ufffeb', false, false],
  ])('classifies %s', (_name, text, singleLine, multiLine) => {
    expect(isSingleLineText(text)).toBe(singleLine);
    expect(isMultiLineText(text)).toBe(multiLine);
  });

  it.each([
    ['an emoji pair', '👍', true],
    ['a lone high surrogate', 'a\ud800b', false],
    ['a lone low surrogate', '\udc00', false],
  ])('says whether %s is well-formed', (_name, text, expected) => {
    expect(isWellFormedText(text)).toBe(expected);
  });

  it.each([
    ['', false],
    ['   \n\t', false],
    ['\u3000', false],
    [' x ', true],
  ])('says whether %j has visible text', (text, expected) => {
    expect(hasVisibleText(text)).toBe(expected);
  });
});
