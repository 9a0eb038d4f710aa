import { describe, expect, it } from 'vitest';
import { hasVisibleText, isMultiLineText, isSingleLineText, isWellFormedText } from '../../../../functions/platform/text/text-rules.ts';

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
    ['a right-to-left override', 'invoice \u202efdp.exe', false, true],
    ['a left-to-right embedding', '\u202aabc', false, true],
    ['a first-strong isolate', 'a\u2068b\u2069', false, true],
    ['Arabic, which needs no control', 'مرحبا بالعالم', true, true],
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
    ['\u200b\u200b', false],
    ['\u2060', false],
    ['\u3164', false],
    ['\ufeff', false],
    ['\u200d\ufe0f', false],
    [' x ', true],
    ['\u200bx', true],
  ])('says whether %j has visible text', (text, expected) => {
    expect(hasVisibleText(text)).toBe(expected);
  });
});
